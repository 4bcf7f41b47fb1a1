package io.hullscope.ui.trainer;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Trainer mode: the samples gallery and the walk-through of one sample's hardening findings, one
 * step per finding, most severe first, then a closing step with the grade and the comparison with
 * the sample's hardened version.
 *
 * <p>The walk-through starts when the opened image's hardening report arrives after
 * {@link #walkThrough}. A report of another image ends it, because its evidence would point into
 * the wrong image.
 */
public final class TrainerViewModel {

  /** Ids of the findings about the configured user, whose evidence is the config's User field. */
  static final Set<String> USER_FINDINGS = Set.of("ROOT-USER", "USER-NOT-IN-PASSWD", "GROUP-NOT-IN-GROUP-FILE",
      "USER-ID-OUT-OF-RANGE", "USER-NOT-NUMERIC", "ROOT-GROUP");

  private final GalleryViewModel gallery;
  private final Consumer<Path> opener;
  private final EvidenceRevealer revealer;
  private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("");
  private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyObjectWrapper<WalkthroughStep> step = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<HygieneGrade> grade = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper atEnd = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper compareAvailable = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper compareHint = new ReadOnlyStringWrapper("");
  private List<WalkthroughStep> steps = List.of();
  private SampleCard sample;
  private HardeningReport shownReport;
  private BiConsumer<Path, Path> compareAction;

  /**
   * @param report the hardening report of the image open in the main window
   * @param opener opens an archive in the main window
   * @param revealer shows evidence in the image tabs
   */
  public TrainerViewModel(GalleryViewModel gallery, ReadOnlyObjectProperty<HardeningReport> report,
      Consumer<Path> opener, EvidenceRevealer revealer) {
    this.gallery = gallery;
    this.opener = opener;
    this.revealer = revealer;
    gallery.setOpenAction(card -> opener.accept(card.path()));
    gallery.setWalkThroughAction(this::walkThrough);
    report.addListener((observable, before, after) -> reportChanged(after));
  }

  /** Opens the sample and starts its walk-through once its hardening report is shown. */
  public void walkThrough(SampleCard card) {
    sample = card;
    steps = List.of();
    shownReport = null;
    step.set(null);
    grade.set(null);
    index.set(0);
    atEnd.set(false);
    heading.set("Walk-through: " + card.title());
    position.set("Opening " + card.fileName() + "...");
    waiting.set(true);
    active.set(true);
    updateButtons();
    updateCompare();
    opener.accept(card.path());
  }

  private void reportChanged(HardeningReport report) {
    if (!active.get()) {
      return;
    }
    if (waiting.get()) {
      // NOTE: when the image fails to open or its checks fail, no report arrives and the panel
      // keeps saying "Opening ..." until the user closes it; the error banner says what failed.
      if (report != null) {
        begin(report);
      }
    } else if (report != shownReport) {
      close();
    }
  }

  /** Starts the steps of a report: one per finding, most severe first, then by id. */
  void begin(HardeningReport report) {
    shownReport = report;
    waiting.set(false);
    List<Finding> ordered = new ArrayList<>(report.findings());
    // The sort is stable, so findings with the same severity and id keep the checks' order.
    ordered.sort(HardeningReport.SEVERITY_ORDER);
    List<WalkthroughStep> built = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      built.add(WalkthroughStep.of(ordered.get(i), i + 1, ordered.size()));
    }
    steps = List.copyOf(built);
    grade.set(report.grade());
    show(0);
  }

  /** Goes to the next step, unless the closing step is shown. */
  public void next() {
    if (canNext.get()) {
      show(index.get() + 1);
    }
  }

  /** Goes to the previous step, unless the first step is shown. */
  public void previous() {
    if (canPrevious.get()) {
      show(index.get() - 1);
    }
  }

  /** Ends the walk-through and hides its panel. The image stays open. */
  public void close() {
    active.set(false);
    waiting.set(false);
    sample = null;
    shownReport = null;
    steps = List.of();
    step.set(null);
    atEnd.set(false);
    updateButtons();
    updateCompare();
  }

  /** Opens the comparison of the sample with its hardened version, when {@link #compareAvailableProperty} allows. */
  public void compare() {
    if (compareAvailable.get()) {
      compareAction.accept(sample.path(), sample.hardenedVersion());
    }
  }

  /**
   * Shows the evidence item in the image tabs.
   */
  public void reveal(EvidenceLine line) {
    if (line != null && line.revealable()) {
      revealer.reveal(line.evidence());
    }
  }

  /**
   * Sets what "Compare with the hardened version" calls with the sample and its hardened version;
   * the button stays disabled until this is set.
   */
  public void setCompareAction(BiConsumer<Path, Path> compare) {
    compareAction = compare;
    updateCompare();
  }

  /** Shows step {@code target}; the index equal to the number of findings is the closing step. */
  private void show(int target) {
    index.set(target);
    boolean end = target >= steps.size();
    atEnd.set(end);
    WalkthroughStep current = end ? null : steps.get(target);
    step.set(current);
    position.set(end ? closingPosition() : current.position());
    updateButtons();
    updateCompare();
    if (current != null) {
      revealStep(current);
    }
  }

  /**
   * Shows the step's first evidence that points somewhere. The user checks describe their evidence
   * in text only, so their steps show the User row. Any other step without such evidence selects
   * its finding in the Hardening tab, so the tabs do not keep showing the previous step's evidence.
   */
  private void revealStep(WalkthroughStep current) {
    EvidenceLine first = current.firstRevealable();
    if (first != null) {
      reveal(first);
    } else if (USER_FINDINGS.contains(current.finding().id())) {
      revealer.reveal(Evidence.config("User", ""));
    } else {
      revealer.showFinding(current.finding());
    }
  }

  private String closingPosition() {
    return steps.isEmpty() ? "No findings" : "Summary after " + steps.size() + (steps.size() == 1 ? " finding" : " findings");
  }

  private void updateButtons() {
    boolean running = active.get() && !waiting.get();
    canPrevious.set(running && index.get() > 0);
    canNext.set(running && index.get() < steps.size());
  }

  private void updateCompare() {
    Path hardened = sample == null ? null : sample.hardenedVersion();
    String hint;
    if (compareAction == null) {
      hint = "Comparing two images is not available in this version of Hullscope.";
    } else if (sample == null) {
      hint = "";
    } else if (hardened == null) {
      hint = "The lesson of " + sample.fileName() + " names no hardened version to compare with.";
    } else if (!Files.isRegularFile(hardened)) {
      hint = "The hardened version " + hardened.getFileName() + " is not in the samples folder.";
    } else {
      hint = "Compare " + sample.fileName() + " with " + hardened.getFileName() + " side by side.";
      compareHint.set(hint);
      compareAvailable.set(true);
      return;
    }
    compareHint.set(hint);
    compareAvailable.set(false);
  }

  public GalleryViewModel gallery() {
    return gallery;
  }

  /** Returns the sample being walked through, or null. */
  public SampleCard sample() {
    return sample;
  }

  /** Returns the steps of the walk-through, one per finding, without the closing step. */
  public List<WalkthroughStep> steps() {
    return steps;
  }

  /** Returns true while the walk-through panel is shown. */
  public ReadOnlyBooleanProperty activeProperty() {
    return active.getReadOnlyProperty();
  }

  /** Returns true while the sample is opening and its report has not arrived yet. */
  public ReadOnlyBooleanProperty waitingProperty() {
    return waiting.getReadOnlyProperty();
  }

  /** Returns the panel's heading, for example "Walk-through: A careless image". */
  public ReadOnlyStringProperty headingProperty() {
    return heading.getReadOnlyProperty();
  }

  /** Returns the position line, for example "3 of 17" or "Summary after 17 findings". */
  public ReadOnlyStringProperty positionProperty() {
    return position.getReadOnlyProperty();
  }

  /** Returns the index of the shown step. An index equal to the number of findings is the closing step. */
  public ReadOnlyIntegerProperty indexProperty() {
    return index.getReadOnlyProperty();
  }

  /** Returns the shown finding step, which is null on the closing step and while waiting. */
  public ReadOnlyObjectProperty<WalkthroughStep> stepProperty() {
    return step.getReadOnlyProperty();
  }

  /** Returns the grade of the sample, shown on the closing step. */
  public ReadOnlyObjectProperty<HygieneGrade> gradeProperty() {
    return grade.getReadOnlyProperty();
  }

  /** Returns true on the closing step. */
  public ReadOnlyBooleanProperty atEndProperty() {
    return atEnd.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canPreviousProperty() {
    return canPrevious.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canNextProperty() {
    return canNext.getReadOnlyProperty();
  }

  /** Returns true when the compare action is set and the sample's hardened version exists. */
  public ReadOnlyBooleanProperty compareAvailableProperty() {
    return compareAvailable.getReadOnlyProperty();
  }

  /** Returns what the compare button does, or why it is disabled, for its tooltip. */
  public ReadOnlyStringProperty compareHintProperty() {
    return compareHint.getReadOnlyProperty();
  }
}
