package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.Severity;
import io.hullscope.report.ReportFormat;
import io.hullscope.ui.hardening.EvidenceLink;
import io.hullscope.ui.hardening.GradeSummary;
import io.hullscope.ui.hardening.HardeningViewModel;
import io.hullscope.ui.hardening.HardeningViewModel.SeverityGroup;
import io.hullscope.ui.hardening.Suggestion;
import io.hullscope.ui.hardening.SuggestionsViewModel;
import io.hullscope.ui.layers.LayersViewModel;
import io.hullscope.ui.layers.TreeMode;
import io.hullscope.ui.sources.FolderSourceEntry;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Opens the committed training samples and checks what the Overview's grade card and the Hardening
 * tab get. Other check families may add findings, so the tests name only what the samples were
 * built to show and what the user check reports.
 */
class MainViewModelHardeningTest {

  private static final String BAD_SAMPLE = "hullscope-samples/hygiene-bad:latest";
  private static final String GOOD_SAMPLE = "hullscope-samples/hygiene-good:1.4.2";

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/main-hardening-" + System.nanoTime());
  private MainViewModel viewModel;

  @BeforeEach
  void start() {
    viewModel = TestViewModels.mainViewModel(executor, preferences,
        List.of(new FolderSourceEntry("Samples", MainViewModelSbomTest.samplesFolder())));
    viewModel.start();
  }

  @AfterEach
  void close() throws BackingStoreException {
    viewModel.close();
    preferences.removeNode();
  }

  @Test
  void badSampleGradesWorseThanGood() {
    open(GOOD_SAMPLE);
    GradeSummary good = viewModel.overview().gradeProperty().get();
    open(BAD_SAMPLE);
    GradeSummary bad = viewModel.overview().gradeProperty().get();

    assertThat(good).isNotNull();
    assertThat(bad).isNotNull();
    assertThat(bad.score()).isLessThan(good.score());
    assertThat(bad.letter()).isGreaterThan(good.letter());
    assertThat(good.userLine()).startsWith("Runs as UID 65532 ");
  }

  @Test
  void badSampleCardExplainsRootUser() {
    open(BAD_SAMPLE);

    GradeSummary grade = viewModel.overview().gradeProperty().get();
    assertThat(grade.userLine()).isEqualTo("Runs as UID 0 (root): User is unset, so the runtime default root"
        + " applies, GID 0 from /etc/passwd entry 'root' (line 1)");
    assertThat(grade.explanation()).startsWith("Grade " + grade.letter() + ": " + grade.score() + " of 100");
    assertThat(grade.deductions()).contains(new GradeSummary.Deduction(
        "The container runs as root because User is unset", Severity.HIGH, 15));
    assertThat(viewModel.overview().gradeFailureProperty().get()).isEmpty();
  }

  @Test
  void badSampleListsRootUserUnderHigh() {
    open(BAD_SAMPLE);

    List<SeverityGroup> groups = viewModel.hardening().groupsProperty().get();
    SeverityGroup high = groups.stream().filter(group -> group.severity() == Severity.HIGH).findFirst().orElseThrow();
    assertThat(high.findings()).extracting(Finding::id).contains("ROOT-USER");
    assertThat(high.total()).isEqualTo(high.findings().size());
    assertThat(groups).extracting(SeverityGroup::severity).isSorted();
    assertThat(viewModel.hardening().summaryProperty().get()).endsWith(
        ", grade " + viewModel.overview().gradeProperty().get().letter() + " ("
            + viewModel.overview().gradeProperty().get().score() + " of 100)");
  }

  @Test
  void selectingFindingShowsItsCost() {
    open(BAD_SAMPLE);
    HardeningViewModel hardening = viewModel.hardening();
    Finding root = finding("ROOT-USER");

    hardening.selectedFindingProperty().set(root);

    assertThat(hardening.detailsProperty().get().finding()).isSameAs(root);
    assertThat(hardening.detailsProperty().get().points()).isEqualTo(15);
  }

  @Test
  void fileEvidenceSelectsFileInLayersTab() {
    open(BAD_SAMPLE);
    Finding setuid = new Finding("SETUID-FILE", "sudo is setuid root", Severity.MEDIUM, "", "", "", "",
        List.of(Evidence.file(2, "usr/bin/sudo", "mode -rwsr-xr-x")), null);
    HardeningReport withFile = withFindings(setuid);
    viewModel.hardening().show(withFile, null);

    viewModel.hardening().reveal(EvidenceLink.of(setuid.evidenceItems().get(0)));

    LayersViewModel layers = viewModel.layers();
    assertThat(viewModel.selectedTabProperty().get()).isEqualTo(ImageTab.LAYERS);
    assertThat(layers.modeProperty().get()).isEqualTo(TreeMode.SQUASHED);
    assertThat(layers.selectedLayerProperty().get()).isEqualTo(2);
    assertThat(layers.selectedNodeProperty().get().path()).isEqualTo("usr/bin/sudo");
  }

  @Test
  void fileEvidenceWithoutLayerUsesTopLayer() {
    open(BAD_SAMPLE);
    int top = viewModel.analysisProperty().get().layers().size() - 1;
    Evidence evidence = new Evidence(Evidence.Kind.FILE, -1, "/app/.env", -1, null, "");

    viewModel.hardening().reveal(EvidenceLink.of(evidence));

    assertThat(viewModel.layers().selectedLayerProperty().get()).isEqualTo(top);
    assertThat(viewModel.layers().selectedNodeProperty().get().path()).isEqualTo("app/.env");
  }

  @Test
  void historyEvidenceHighlightsOverviewStep() {
    open(BAD_SAMPLE);
    viewModel.selectedTabProperty().set(ImageTab.HARDENING);

    viewModel.hardening().reveal(EvidenceLink.of(Evidence.history(3, 2, "curl -fsSL ... | sh")));

    assertThat(viewModel.selectedTabProperty().get()).isEqualTo(ImageTab.OVERVIEW);
    assertThat(viewModel.overview().highlightedHistoryProperty().get()).isEqualTo(3);
    assertThat(viewModel.overview().history().get(3).instruction())
        .isEqualTo("/bin/sh -c curl -fsSL https://get.example.com/install.sh | sh");
    assertThat(viewModel.overview().history().get(3).layer()).isEqualTo(2);
  }

  @Test
  void overviewHistoryMasksSecretEnvValues() {
    open(BAD_SAMPLE);

    assertThat(viewModel.overview().history()).extracting(row -> row.instruction())
        .contains("ENV DB_PASSWORD=******** API_TOKEN=********");
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void exportWritesReportOfOpenImage(ReportFormat format, @TempDir Path folder) throws IOException {
    open(BAD_SAMPLE);
    Path target = folder.resolve("report." + format.fileExtension());

    viewModel.hardening().export(format, target);

    String password = viewModel.analysisProperty().get().image().config().env().stream()
        .filter(entry -> entry.startsWith("DB_PASSWORD="))
        .map(entry -> entry.substring("DB_PASSWORD=".length()))
        .findFirst()
        .orElseThrow();
    assertThat(viewModel.error().visibleProperty().get()).isFalse();
    assertThat(Files.readString(target)).contains("ROOT-USER").doesNotContain(password);
    assertThat(viewModel.hardening().exportMessageProperty().get()).startsWith("Saved ").endsWith(" to " + target);
  }

  @Test
  void sarifExportIsSarif(@TempDir Path folder) throws IOException {
    open(BAD_SAMPLE);
    Path target = folder.resolve("report.sarif");

    viewModel.hardening().export(ReportFormat.SARIF, target);

    JsonNode sarif = new ObjectMapper().readTree(target.toFile());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.path("runs").get(0).path("results").findValuesAsText("ruleId")).contains("ROOT-USER");
  }

  @Test
  void gradeCardLinkOpensHardeningTab() {
    open(BAD_SAMPLE);

    viewModel.overview().openHardening();

    assertThat(viewModel.selectedTabProperty().get()).isEqualTo(ImageTab.HARDENING);
  }

  @Test
  void badSampleSuggestsNonRootDockerfile() {
    open(BAD_SAMPLE);

    SuggestionsViewModel suggestions = viewModel.hardening().suggestions();
    assertThat(suggestions.statusProperty().get()).isEmpty();
    assertThat(suggestions.textProperty(Suggestion.DOCKERFILE).get()).contains("USER 10001").contains("# Hullscope:");
    assertThat(suggestions.textProperty(Suggestion.KYVERNO).get()).contains("kind: ClusterPolicy");
    assertThat(suggestions.textProperty(Suggestion.HARBOR).get()).startsWith("## Harbor project settings");
  }

  @Test
  void savingSuggestionWritesShownText(@TempDir Path folder) throws IOException {
    open(BAD_SAMPLE);
    SuggestionsViewModel suggestions = viewModel.hardening().suggestions();
    Path target = folder.resolve("Dockerfile");

    suggestions.save(Suggestion.DOCKERFILE, target);

    assertThat(target).hasContent(suggestions.textProperty(Suggestion.DOCKERFILE).get());
    assertThat(suggestions.saveMessageProperty().get()).isEqualTo("Saved the suggested Dockerfile to " + target);
  }

  @Test
  void savingSuggestionToMissingFolderShowsError(@TempDir Path folder) {
    open(BAD_SAMPLE);
    Path target = folder.resolve("no/such/folder/kyverno.yaml");

    viewModel.hardening().suggestions().save(Suggestion.KYVERNO, target);

    assertThat(target).doesNotExist();
    assertThat(viewModel.hardening().suggestions().saveMessageProperty().get()).isEmpty();
    assertThat(viewModel.error().messageProperty().get()).contains("Saving the Kyverno policies failed");
  }

  @Test
  void closingImageClearsSuggestions() {
    open(BAD_SAMPLE);

    viewModel.selectedImageProperty().set(null);

    SuggestionsViewModel suggestions = viewModel.hardening().suggestions();
    assertThat(suggestions.textProperty(Suggestion.DOCKERFILE).get()).isEmpty();
    assertThat(suggestions.statusProperty().get()).isEqualTo("Open an image to see suggestions for it.");
  }

  @Test
  void closingImageClearsGradeAndFindings() {
    open(BAD_SAMPLE);

    viewModel.selectedImageProperty().set(null);

    assertThat(viewModel.overview().gradeProperty().get()).isNull();
    assertThat(viewModel.overview().history()).isEmpty();
    assertThat(viewModel.hardening().reportProperty().get()).isNull();
    assertThat(viewModel.hardening().groupsProperty().get()).isEmpty();
  }

  private void open(String reference) {
    ImageRow row = viewModel.images().stream()
        .filter(candidate -> candidate.reference().equals(reference))
        .findFirst()
        .orElseThrow();
    viewModel.selectedImageProperty().set(row);
  }

  private Finding finding(String id) {
    return viewModel.hardening().reportProperty().get().findings().stream()
        .filter(found -> found.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** Returns the open report with more findings, for evidence kinds no check of the samples reports yet. */
  private HardeningReport withFindings(Finding... extra) {
    HardeningReport report = viewModel.hardening().reportProperty().get();
    List<Finding> findings = new ArrayList<>(report.findings());
    findings.addAll(List.of(extra));
    return new HardeningReport(report.imageName(), report.digest(), report.createdAt(), report.tool(), report.user(),
        findings, HygieneGrade.of(findings), report.checks());
  }
}
