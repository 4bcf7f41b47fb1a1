package io.hullscope.ui.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Confidence;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.Severity;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerViewModelTest {

  @TempDir Path folder;

  private final SimpleObjectProperty<HardeningReport> report = new SimpleObjectProperty<>();
  private final List<Path> opened = new ArrayList<>();
  private final List<Evidence> revealed = new ArrayList<>();
  private final List<Finding> shownFindings = new ArrayList<>();
  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private TrainerViewModel trainer;
  private SampleCard bad;

  @BeforeEach
  void createTrainer() throws IOException {
    Files.writeString(folder.resolve("bad.tar"), "not read here");
    Files.writeString(folder.resolve("good.tar"), "not read here");
    GalleryViewModel gallery = new GalleryViewModel(executor, folder, new Lessons(),
        (sample, progress) -> HygieneGrade.of(List.of()));
    trainer = new TrainerViewModel(gallery, report, opened::add, new EvidenceRevealer() {
      @Override
      public void reveal(Evidence evidence) {
        revealed.add(evidence);
      }

      @Override
      public void showFinding(Finding finding) {
        shownFindings.add(finding);
      }
    });
    bad = new SampleCard(folder.resolve("bad.tar"), new Lesson("Bad", "Text.", "good.tar"), null);
  }

  private static Finding finding(String id, Severity severity, Evidence... evidence) {
    return new Finding(id, id + " title", severity, "First sentence. Second sentence. Third sentence.", "seen",
        "Change it.", "Dockerfile: USER", List.of(evidence), Confidence.HIGH);
  }

  private static HardeningReport reportOf(Finding... findings) {
    List<Finding> list = List.of(findings);
    return new HardeningReport("example/bad:1", null, Instant.EPOCH, "test", null, list, HygieneGrade.of(list),
        List.of());
  }

  private HardeningReport startWith(Finding... findings) {
    trainer.walkThrough(bad);
    HardeningReport shown = reportOf(findings);
    report.set(shown);
    return shown;
  }

  @Test
  void walkThroughOpensSampleAndWaitsForReport() {
    trainer.walkThrough(bad);

    assertThat(opened).containsExactly(folder.resolve("bad.tar"));
    assertThat(trainer.activeProperty().get()).isTrue();
    assertThat(trainer.waitingProperty().get()).isTrue();
    assertThat(trainer.positionProperty().get()).isEqualTo("Opening bad.tar...");
    assertThat(trainer.canNextProperty().get()).isFalse();
  }

  @Test
  void galleryOpenSkipsWalkThrough() {
    trainer.gallery().open(bad);

    assertThat(opened).containsExactly(folder.resolve("bad.tar"));
    assertThat(trainer.activeProperty().get()).isFalse();
  }

  @Test
  void galleryWalkThroughStartsIt() {
    trainer.gallery().walkThrough(bad);

    assertThat(trainer.activeProperty().get()).isTrue();
    assertThat(trainer.sample()).isSameAs(bad);
    assertThat(trainer.headingProperty().get()).isEqualTo("Walk-through: Bad");
  }

  @Test
  void stepsFollowSeverityThenId() {
    startWith(
        finding("SHELL-PRESENT", Severity.LOW),
        finding("ROOT-USER", Severity.HIGH),
        finding("SECRET-IN-ENV", Severity.HIGH),
        finding("DISTRO-EOL", Severity.CRITICAL),
        finding("NO-HEALTHCHECK", Severity.LOW));

    assertThat(trainer.steps()).extracting(step -> step.finding().id())
        .containsExactly("DISTRO-EOL", "ROOT-USER", "SECRET-IN-ENV", "NO-HEALTHCHECK", "SHELL-PRESENT");
    assertThat(trainer.waitingProperty().get()).isFalse();
    assertThat(trainer.stepProperty().get().finding().id()).isEqualTo("DISTRO-EOL");
    assertThat(trainer.positionProperty().get()).isEqualTo("1 of 5");
  }

  @Test
  void nextAndPreviousStopAtBounds() {
    startWith(finding("A", Severity.HIGH), finding("B", Severity.LOW));

    assertThat(trainer.canPreviousProperty().get()).isFalse();
    trainer.previous();
    assertThat(trainer.indexProperty().get()).isZero();

    trainer.next();
    assertThat(trainer.positionProperty().get()).isEqualTo("2 of 2");
    trainer.next();
    assertThat(trainer.atEndProperty().get()).isTrue();
    assertThat(trainer.stepProperty().get()).isNull();
    assertThat(trainer.positionProperty().get()).isEqualTo("Summary after 2 findings");
    assertThat(trainer.canNextProperty().get()).isFalse();
    trainer.next();
    assertThat(trainer.indexProperty().get()).isEqualTo(2);

    trainer.previous();
    assertThat(trainer.atEndProperty().get()).isFalse();
    assertThat(trainer.stepProperty().get().finding().id()).isEqualTo("B");
  }

  @Test
  void reportWithoutFindingsGoesStraightToSummary() {
    startWith();

    assertThat(trainer.atEndProperty().get()).isTrue();
    assertThat(trainer.positionProperty().get()).isEqualTo("No findings");
    assertThat(trainer.gradeProperty().get().letter()).isEqualTo('A');
    assertThat(trainer.canPreviousProperty().get()).isFalse();
  }

  @Test
  void stepShowsTwoSentencesAndChange() {
    startWith(finding("A", Severity.HIGH));

    WalkthroughStep step = trainer.stepProperty().get();
    assertThat(step.why()).isEqualTo("First sentence. Second sentence.");
    assertThat(step.change()).isEqualTo("Change it.\nWhere: Dockerfile: USER");
    assertThat(step.severity()).isEqualTo("High");
  }

  @Test
  void eachStepRevealsItsFirstPointingEvidence() {
    Evidence scan = Evidence.of(Evidence.Kind.SCAN, "no target");
    Evidence file = Evidence.file(2, "root/.npmrc", "token");
    Evidence history = Evidence.history(4, 3, "RUN curl | sh");
    Evidence config = Evidence.config("ExposedPorts", "22/tcp");
    startWith(finding("A", Severity.HIGH, scan, file), finding("B", Severity.MEDIUM, history),
        finding("C", Severity.LOW, config), finding("D", Severity.INFO, scan));

    trainer.next();
    trainer.next();
    trainer.next();

    assertThat(revealed).containsExactly(file, history, config);
    assertThat(shownFindings).extracting(Finding::id).containsExactly("D");
  }

  @Test
  void userFindingRevealsUserRow() {
    startWith(new Finding("ROOT-USER", "Runs as root", Severity.HIGH, "Why.", "User is unset", "Add USER.", ""));

    assertThat(revealed).containsExactly(Evidence.config("User", ""));
    assertThat(shownFindings).isEmpty();
  }

  @Test
  void fileEvidenceWithoutPathIsNotRevealable() {
    assertThat(EvidenceLine.of(Evidence.file(1, "", "x")).revealable()).isFalse();
    assertThat(EvidenceLine.of(Evidence.history(-1, -1, "x")).revealable()).isFalse();
    assertThat(EvidenceLine.of(Evidence.config(null, "x")).revealable()).isFalse();
    assertThat(EvidenceLine.of(Evidence.config("User", "root")).revealable()).isTrue();
  }

  @Test
  void reportOfAnotherImageEndsWalkThrough() {
    startWith(finding("A", Severity.HIGH));

    report.set(null);

    assertThat(trainer.activeProperty().get()).isFalse();
    assertThat(trainer.steps()).isEmpty();
  }

  @Test
  void compareDisabledUntilActionSet() {
    startWith(finding("A", Severity.HIGH));
    trainer.next();

    assertThat(trainer.compareAvailableProperty().get()).isFalse();
    assertThat(trainer.compareHintProperty().get()).contains("not available");
    trainer.compare();

    List<Path[]> compared = new ArrayList<>();
    trainer.setCompareAction((left, right) -> compared.add(new Path[] {left, right}));
    assertThat(trainer.compareAvailableProperty().get()).isTrue();
    trainer.compare();

    assertThat(compared).hasSize(1);
    assertThat(compared.get(0)).containsExactly(folder.resolve("bad.tar"), folder.resolve("good.tar"));
  }

  @Test
  void compareNeedsHardenedFile() throws IOException {
    Files.delete(folder.resolve("good.tar"));
    trainer.setCompareAction((left, right) -> {});

    startWith(finding("A", Severity.HIGH));

    assertThat(trainer.compareAvailableProperty().get()).isFalse();
    assertThat(trainer.compareHintProperty().get()).isEqualTo("The hardened version good.tar is not in the samples folder.");
  }

  @Test
  void compareNeedsHardenedVersionInLesson() {
    trainer.setCompareAction((left, right) -> {});
    trainer.walkThrough(new SampleCard(folder.resolve("good.tar"), null, null));

    assertThat(trainer.compareAvailableProperty().get()).isFalse();
    assertThat(trainer.compareHintProperty().get()).contains("names no hardened version");
  }

  @Test
  void firstSentencesKeepsAbbreviations() {
    assertThat(WalkthroughStep.firstSentences("Use e.g. a pin. Then build. Then ship.", 2))
        .isEqualTo("Use e.g. a pin. Then build.");
    assertThat(WalkthroughStep.firstSentences("One only", 2)).isEqualTo("One only");
    assertThat(WalkthroughStep.firstSentences(null, 2)).isEmpty();
  }
}
