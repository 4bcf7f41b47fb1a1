package io.hullscope.ui.hardening;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.Severity;
import io.hullscope.report.ReportFormat;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Hardening tab: the findings of the open image grouped by severity, a text filter and a
 * minimum severity, the details of the selected finding with links to its files and history steps,
 * export of the report, and the suggestions built from it.
 */
public final class HardeningViewModel {

  /** Shows the places a finding's evidence points at, in the other tabs. */
  public interface Navigator {
    /**
     * Shows a file in the Layers tab.
     *
     * @param path path relative to the image root, without a leading slash
     * @param layer the layer whose file system should show the file
     */
    void revealFile(String path, int layer);

    /** Shows a step of the image history, by its index in the config's full history. */
    void revealHistory(int historyIndex);
  }

  /**
   * The findings of one severity that pass the filter.
   *
   * @param total findings of this severity in the report, including those the filter hides
   * @param findings the findings that pass the filter, in report order
   */
  public record SeverityGroup(Severity severity, int total, List<Finding> findings) {

    public SeverityGroup {
      findings = List.copyOf(findings);
    }

    /** Returns the tree row of the group. */
    public HardeningNode.Group node() {
      return new HardeningNode.Group(severity, findings.size(), total);
    }
  }

  private static final String NO_IMAGE = "Open an image to see its hardening findings.";

  private final TaskExecutor executor;
  private final ErrorViewModel error;
  private final ReportExporter exporter;
  private final SuggestionsViewModel suggestions;
  private final ReadOnlyObjectWrapper<HardeningReport> report = new ReadOnlyObjectWrapper<>();
  private final StringProperty filter = new SimpleStringProperty("");
  private final ObjectProperty<Severity> minimumSeverity = new SimpleObjectProperty<>(Severity.INFO);
  private final ReadOnlyObjectWrapper<List<SeverityGroup>> groups = new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(NO_IMAGE);
  private final ObjectProperty<Finding> selectedFinding = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<FindingDetails> details = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");
  /** The findings that pass the filter and the minimum severity, in report order. */
  private List<Finding> shownFindings = List.of();
  private Map<Finding, Integer> points = Map.of();
  private Map<Finding, String> searchTexts = Map.of();
  private String failure;
  private Navigator navigator = new Navigator() {
    @Override
    public void revealFile(String path, int layer) {}

    @Override
    public void revealHistory(int historyIndex) {}
  };

  /** @param exporter writes the report files that {@link #export} saves */
  public HardeningViewModel(TaskExecutor executor, ErrorViewModel error, ReportExporter exporter) {
    this.executor = executor;
    this.error = error;
    this.exporter = exporter;
    this.suggestions = new SuggestionsViewModel(executor, error);
    filter.addListener((observable, before, after) -> rebuild());
    minimumSeverity.addListener((observable, before, after) -> rebuild());
    selectedFinding.addListener((observable, before, after) ->
        details.set(after == null ? null : FindingDetails.of(after, pointsOf(after))));
  }

  /**
   * Shows the report of an image, or clears the tab for null. The filter text is cleared, as the
   * SBOM tab clears its filter, and the minimum severity is kept.
   *
   * @param failure why the checks could not run, shown when {@code newReport} is null; may be null
   */
  public void show(HardeningReport newReport, String failure) {
    show(newReport, null, failure);
  }

  /**
   * Shows the report of an image and builds its suggestions from the facts the checks read.
   *
   * @param facts the facts behind {@code newReport}; without them the suggestions stay empty
   * @param failure why the checks could not run, shown when {@code newReport} is null; may be null
   */
  public void show(HardeningReport newReport, ImageFacts facts, String failure) {
    suggestions.show(newReport, facts, failure);
    selectedFinding.set(null);
    exportMessage.set("");
    points = newReport == null ? Map.of() : pointsByFinding(newReport.grade());
    searchTexts = newReport == null ? Map.of() : searchTexts(newReport.findings());
    this.failure = failure;
    report.set(newReport);
    // Setting the filter rebuilds the groups; the rebuild below covers the case where it was empty.
    filter.set("");
    rebuild();
  }

  /** Returns each finding's filter text, built once per report because the filter runs on every keystroke. */
  private static Map<Finding, String> searchTexts(List<Finding> findings) {
    Map<Finding, String> result = new IdentityHashMap<>();
    findings.forEach(finding -> result.put(finding, searchText(finding)));
    return result;
  }

  private static Map<Finding, Integer> pointsByFinding(HygieneGrade grade) {
    // Two findings may be equal records (the same check firing twice with the same text), and each
    // has its own cost, so the report's instances are the keys.
    Map<Finding, Integer> result = new IdentityHashMap<>();
    grade.deductions().forEach(deduction -> result.put(deduction.finding(), deduction.points()));
    return result;
  }

  /** Groups the findings that pass the filter and the minimum severity, and updates the summary line. */
  private void rebuild() {
    HardeningReport current = report.get();
    if (current == null) {
      groups.set(List.of());
      summary.set("");
      placeholder.set(failure == null ? NO_IMAGE : "The hardening checks could not run: " + failure);
      return;
    }
    String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
    Severity minimum = minimumSeverity.get() == null ? Severity.INFO : minimumSeverity.get();

    List<SeverityGroup> result = new ArrayList<>();
    List<Finding> shownNow = new ArrayList<>();
    int shown = 0;
    for (Severity severity : Severity.values()) {
      List<Finding> all = current.findings().stream().filter(f -> f.severity() == severity).toList();
      if (all.isEmpty() || severity.compareTo(minimum) > 0) {
        continue;
      }
      List<Finding> matching = all.stream()
          .filter(f -> text.isEmpty() || searchTexts.getOrDefault(f, "").contains(text))
          .toList();
      if (!matching.isEmpty()) {
        result.add(new SeverityGroup(severity, all.size(), matching));
        shownNow.addAll(matching);
        shown += matching.size();
      }
    }

    groups.set(List.copyOf(result));
    shownFindings = List.copyOf(shownNow);
    placeholder.set(current.findings().isEmpty()
        ? "No finding: every check passed."
        : "No finding matches the filter and the minimum severity.");
    summary.set(summaryLine(current, shown, text.isEmpty() && minimum == Severity.INFO));

    Finding selected = selectedFinding.get();
    if (selected != null && result.stream().noneMatch(group -> group.findings().contains(selected))) {
      selectedFinding.set(null);
    }
  }

  private static String summaryLine(HardeningReport current, int shown, boolean unfiltered) {
    int total = current.findings().size();
    String grade = "grade " + current.grade().letter() + " (" + current.grade().score() + " of 100)";
    if (unfiltered) {
      return (total == 1 ? "1 finding" : total + " findings") + ", " + grade;
    }
    return shown + " of " + total + (total == 1 ? " finding matches" : " findings match") + ", " + grade;
  }

  /** Returns the text the filter searches: id, title, every text field and the evidence lines. */
  private static String searchText(Finding finding) {
    Stream<String> fields = Stream.of(finding.id(), finding.title(), finding.rationale(), finding.evidence(),
        finding.suggestion(), finding.location());
    Stream<String> evidence = finding.evidenceItems().stream().map(item -> EvidenceLink.of(item).text());
    return String.join("\n", Stream.concat(fields, evidence).map(String::valueOf).toList())
        .toLowerCase(Locale.ROOT);
  }

  /** Returns what a finding of the shown report cost in the hygiene grade; 0 for any other finding. */
  public int pointsOf(Finding finding) {
    return points.getOrDefault(finding, 0);
  }

  /** Shows where an evidence item points: a file in the Layers tab or a history step on the Overview. */
  public void reveal(EvidenceLink link) {
    Evidence evidence = link.evidence();
    switch (link.target()) {
      case FILE -> navigator.revealFile(stripLeadingSlashes(evidence.path()), evidence.layer());
      case HISTORY -> navigator.revealHistory(evidence.historyIndex());
      case NONE -> {
        // A line without a target is text only.
      }
      default -> throw new IllegalStateException(link.target().toString());
    }
  }

  private static String stripLeadingSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }

  /** Sets what {@link #reveal} calls; the main view model connects it to the Layers tab and the Overview. */
  public void setNavigator(Navigator newNavigator) {
    navigator = newNavigator;
  }

  /**
   * Writes the report to a file in the background and reports the result in the export message.
   * The report is written to a temporary file next to the target first, so a failed export leaves
   * an existing file as it was.
   */
  public void export(ReportFormat format, Path target) {
    export(format, target, false);
  }

  /**
   * Writes the report like {@link #export(ReportFormat, Path)}; with {@code onlyShown} it holds only
   * the findings the filter and the minimum severity show. The grade stays the whole image's grade,
   * because it rates the image, not the selection.
   */
  public void export(ReportFormat format, Path target, boolean onlyShown) {
    HardeningReport shownReport = report.get();
    if (shownReport == null) {
      return;
    }
    // The name says the list is a selection, because the grade and its text count every finding.
    String name = shownReport.imageName() + " (only the " + shownFindings.size() + " of "
        + shownReport.findings().size() + " findings a filter showed)";
    HardeningReport current = onlyShown ? new HardeningReport(name, shownReport.digest(),
        shownReport.createdAt(), shownReport.tool(), shownReport.user(), shownFindings, shownReport.grade(),
        shownReport.checks()) : shownReport;
    exportMessage.set("");
    executor.submit(new BackgroundTask<>(
        "Saving the hardening report as " + ExportFormats.displayName(format) + " to " + target.getFileName(),
        progress -> {
          write(current, format, target);
          return target;
        },
        written -> {
          if (report.get() == shownReport) {
            int count = current.findings().size();
            exportMessage.set("Saved " + count + (count == 1 ? " finding" : " findings") + " as "
                + ExportFormats.displayName(format) + " to " + written);
          }
        },
        failure -> {
          if (!ErrorViewModel.isCancellation(failure)) {
            error.show("Saving the hardening report as " + ExportFormats.displayName(format) + " failed", failure);
          }
        }));
  }

  /**
   * Exports to a file name the user typed; a name that is no valid path is reported in the error
   * banner instead.
   */
  public void export(ReportFormat format, String file) {
    export(format, file, false);
  }

  /** Exports to a file name the user typed, all findings or only those shown. */
  public void export(ReportFormat format, String file, boolean onlyShown) {
    Path target;
    try {
      target = Path.of(file);
    } catch (InvalidPathException e) {
      error.show("Saving the hardening report failed", new IOException("'" + file + "' is not a valid file name: "
          + e.getReason() + ". Choose another name.", e));
      return;
    }
    export(format, target, onlyShown);
  }

  /** Returns how many findings the filter and the minimum severity show. */
  public int shownCount() {
    return shownFindings.size();
  }

  /** Returns true when the filter or the minimum severity hides some findings of the report. */
  public boolean hidesFindings() {
    HardeningReport current = report.get();
    return current != null && shownFindings.size() < current.findings().size();
  }

  private void write(HardeningReport current, ReportFormat format, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temporary = createPartFile(absolute);
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        exporter.write(current, format, out);
      }
      try {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Creates an empty hidden file next to the target. Unlike {@link Files#createTempFile}, which makes
   * files only the owner may read, it gets the permissions of any new file, because the report is
   * meant to be shared.
   */
  private static Path createPartFile(Path target) throws IOException {
    Path folder = target.getParent();
    for (int attempt = 0; ; attempt++) {
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
      Path part = folder.resolve("." + target.getFileName() + "." + suffix + ".part");
      try {
        return Files.createFile(part);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 9) {
          throw e;
        }
      } catch (IOException e) {
        throw new IOException("Failed to write " + target + ": " + e.getMessage()
            + ". Check that the folder exists and is writable.", e);
      }
    }
  }

  /**
   * Returns a file name to offer in the save dialog, for example {@code hygiene-bad-hardening.sarif}:
   * the last segment of the image name without its tag or digest.
   */
  public String suggestedFileName(ReportFormat format) {
    HardeningReport current = report.get();
    String name = current == null || current.imageName() == null ? "" : current.imageName();
    int digest = name.indexOf('@');
    if (digest >= 0) {
      name = name.substring(0, digest);
    }
    name = name.substring(name.lastIndexOf('/') + 1);
    int tag = name.indexOf(':');
    if (tag >= 0) {
      name = name.substring(0, tag);
    }
    name = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return (name.isEmpty() ? "image" : name) + "-hardening" + ExportFormats.suffix(format);
  }

  /** Returns the suggested Dockerfile, Kyverno policies and Harbor advice for the shown report. */
  public SuggestionsViewModel suggestions() {
    return suggestions;
  }

  /** Returns the report shown; its value is null while no image is open or the checks failed. */
  public ReadOnlyObjectProperty<HardeningReport> reportProperty() {
    return report.getReadOnlyProperty();
  }

  /** Text that a finding's id, title, rationale, evidence, suggestion or location must contain, ignoring case. */
  public StringProperty filterProperty() {
    return filter;
  }

  /** The minimum severity of the findings shown; {@link Severity#INFO} shows all. */
  public ObjectProperty<Severity> minimumSeverityProperty() {
    return minimumSeverity;
  }

  /** Returns the groups of findings that pass the filter, most severe first; empty groups are left out. */
  public ReadOnlyObjectProperty<List<SeverityGroup>> groupsProperty() {
    return groups.getReadOnlyProperty();
  }

  /** Returns the line above the tree, for example "1 finding, grade B (85 of 100)". */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** Returns what the tree shows when it has no rows: no image, why the checks failed, no finding, or none matching. */
  public ReadOnlyStringProperty placeholderProperty() {
    return placeholder.getReadOnlyProperty();
  }

  public ObjectProperty<Finding> selectedFindingProperty() {
    return selectedFinding;
  }

  /** Returns the details of the selected finding; its value is null while none is selected. */
  public ReadOnlyObjectProperty<FindingDetails> detailsProperty() {
    return details.getReadOnlyProperty();
  }

  /** Returns the result of the last export, for example "Saved 3 findings as SARIF 2.1.0 to /tmp/a.sarif". */
  public ReadOnlyStringProperty exportMessageProperty() {
    return exportMessage.getReadOnlyProperty();
  }
}
