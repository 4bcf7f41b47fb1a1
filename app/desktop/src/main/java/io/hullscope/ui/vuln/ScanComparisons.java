package io.hullscope.ui.vuln;

import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.vuln.ScanDiff;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanSummary;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History and Compare scanners pages: the stored scans of the open image and the last
 * comparison asked for on each page. Both comparisons load two stored scans on the task executor
 * and apply {@link ScanDiff} with the first as "before".
 */
final class ScanComparisons {

  private final TaskExecutor executor;
  private final ErrorViewModel error;
  private final Supplier<ScanStore> store;
  private final ObservableList<ScanSummary> history = FXCollections.observableArrayList();
  private final ObservableList<String> scanners = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<ScanComparison> historyComparison = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<ScanComparison> scannerComparison = new ReadOnlyObjectWrapper<>();
  /** Counts history changes, so that a comparison of an earlier image's scans is dropped. */
  private int generation;

  ScanComparisons(TaskExecutor executor, ErrorViewModel error, Supplier<ScanStore> store) {
    this.executor = executor;
    this.error = error;
    this.store = store;
  }

  /** Replaces the listed scans, for example after a rescan, and clears both comparisons. */
  void show(List<ScanSummary> scans) {
    generation++;
    history.setAll(scans);
    scanners.setAll(scans.stream().map(ScanSummary::scanner).distinct().sorted().toList());
    historyComparison.set(null);
    scannerComparison.set(null);
  }

  void compareHistory(ScanSummary first, ScanSummary second) {
    boolean inOrder = first.scannedAt().compareTo(second.scannedAt()) <= 0;
    ScanSummary older = inOrder ? first : second;
    ScanSummary newer = inOrder ? second : first;
    compare(older, newer, historyComparison, diff -> ScanComparison.ofHistory(older, newer, diff));
  }

  void compareScanners(String first, String second) {
    Optional<ScanSummary> a = newestOf(first);
    Optional<ScanSummary> b = newestOf(second);
    if (a.isEmpty() || b.isEmpty() || first.equals(second)) {
      scannerComparison.set(null);
      return;
    }
    compare(a.get(), b.get(), scannerComparison, diff -> ScanComparison.ofScanners(first, second, diff));
  }

  private Optional<ScanSummary> newestOf(String scanner) {
    return history.stream()
        .filter(summary -> summary.scanner().equals(scanner))
        .max(Comparator.comparing(ScanSummary::scannedAt).thenComparing(ScanSummary::id));
  }

  private void compare(ScanSummary before, ScanSummary after, ReadOnlyObjectWrapper<ScanComparison> target,
      Function<ScanDiff, ScanComparison> label) {
    int forGeneration = generation;
    ScanStore current = store.get();
    executor.submit(new BackgroundTask<>(
        "Comparing two vulnerability scans",
        progress -> ScanDiff.between(load(current, before), load(current, after)),
        diff -> {
          if (forGeneration == generation) {
            target.set(label.apply(diff));
          }
        },
        failure -> error.show("Comparing two vulnerability scans failed", failure)));
  }

  private static ScanResult load(ScanStore current, ScanSummary summary) throws IOException {
    return current.load(summary.id()).orElseThrow(() -> new IOException("Stored scan " + summary.id()
        + " of " + summary.scanner() + " no longer decodes; scan the image again to replace it"));
  }

  ObservableList<ScanSummary> history() {
    return history;
  }

  ObservableList<String> scanners() {
    return scanners;
  }

  ReadOnlyObjectProperty<ScanComparison> historyComparisonProperty() {
    return historyComparison.getReadOnlyProperty();
  }

  ReadOnlyObjectProperty<ScanComparison> scannerComparisonProperty() {
    return scannerComparison.getReadOnlyProperty();
  }
}
