package io.hullscope.ui.compare;

import io.hullscope.compare.ComparedImage;
import io.hullscope.compare.ComparisonFormat;
import io.hullscope.compare.ComparisonWriters;
import io.hullscope.compare.FileChange;
import io.hullscope.compare.ImageComparison;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.OpenedImage;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskHandle;
import io.hullscope.vuln.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Compare window's state: the images to pick from, the two picked, the comparison once it is
 * computed, the file filter and the export. Opening and indexing both images runs on the
 * {@link TaskExecutor}; a result that a newer comparison replaced is dropped.
 */
public final class CompareViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(CompareViewModel.class);

  /** Finds the latest stored scan of an image by digest, so vulnerabilities can be compared. */
  @FunctionalInterface
  public interface ScanLookup {

    /** No stored scans, so vulnerabilities are not compared. */
    ScanLookup NONE = digest -> Optional.empty();

    /** Returns the latest scan of the image with this digest, if one is stored. */
    Optional<ScanResult> latest(String imageDigest) throws IOException;
  }

  private final TaskExecutor executor;
  private final ImageAnalyzer analyzer;
  private final ObservableList<ImageRow> tableImages;
  private final ObservableList<Path> recentFiles;
  private final ObservableList<CompareChoice> choices = FXCollections.observableArrayList();
  private final ObjectProperty<CompareChoice> left = new SimpleObjectProperty<>();
  private final ObjectProperty<CompareChoice> right = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<ImageComparison> comparison = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Pick two images and press Compare.");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final BooleanProperty showing = new SimpleBooleanProperty(false);
  private final StringProperty fileFilter = new SimpleStringProperty("");
  private final ObjectProperty<FileChange.Kind> fileKind = new SimpleObjectProperty<>();
  private final ObservableList<FileChange> allFileChanges = FXCollections.observableArrayList();
  private final FilteredList<FileChange> fileChanges = new FilteredList<>(allFileChanges);
  private ScanLookup scans = ScanLookup.NONE;
  private Consumer<TaskHandle> taskTracker = handle -> {};
  private int request;
  private TaskHandle comparing;

  /**
   * Creates the view model.
   *
   * @param tableImages the image table's rows, offered in the pickers as they change
   * @param recentFiles recently opened archives, offered after the rows
   */
  public CompareViewModel(TaskExecutor executor, ImageAnalyzer analyzer, ObservableList<ImageRow> tableImages,
      ObservableList<Path> recentFiles) {
    this.executor = executor;
    this.analyzer = analyzer;
    this.tableImages = tableImages;
    this.recentFiles = recentFiles;
    tableImages.addListener((ListChangeListener<ImageRow>) change -> refreshChoices());
    recentFiles.addListener((ListChangeListener<Path>) change -> refreshChoices());
    fileFilter.addListener((observable, before, after) -> applyFileFilter());
    fileKind.addListener((observable, before, after) -> applyFileFilter());
    refreshChoices();
  }

  /** Sets where stored scans come from; without it, vulnerabilities are not compared. */
  public void setScanLookup(ScanLookup lookup) {
    scans = lookup == null ? ScanLookup.NONE : lookup;
  }

  /** Sets what receives each comparison task, for example the main window's status bar. */
  public void setTaskTracker(Consumer<TaskHandle> tracker) {
    taskTracker = tracker == null ? handle -> {} : tracker;
  }

  /** Rebuilds the picker entries: the table's rows, then recent files, keeping the picked ones. */
  private void refreshChoices() {
    List<CompareChoice> entries = new ArrayList<>();
    tableImages.forEach(row -> entries.add(CompareChoice.of(row)));
    recentFiles.forEach(path -> entries.add(CompareChoice.of(path)));
    for (CompareChoice picked : new CompareChoice[] {left.get(), right.get()}) {
      if (picked != null && !entries.contains(picked)) {
        entries.add(picked);
      }
    }
    choices.setAll(entries);
  }

  /** Shows the window with {@code first} picked on the left, for the table's "Compare With..." item. */
  public void showWith(ImageRow first) {
    if (first != null) {
      CompareChoice choice = CompareChoice.of(first);
      left.set(choices.stream().filter(choice::equals).findFirst().orElse(choice));
      if (right.get() != null && right.get().equals(left.get())) {
        right.set(null);
      }
    }
    showing.set(true);
  }

  /** Shows the window on two archive or OCI layout files and compares them at once. */
  public void compareFiles(Path leftFile, Path rightFile) {
    left.set(CompareChoice.of(leftFile));
    right.set(CompareChoice.of(rightFile));
    refreshChoices();
    showing.set(true);
    compare();
  }

  /** Swaps the two picked images; the shown comparison stays until Compare runs again. */
  public void swap() {
    CompareChoice before = left.get();
    left.set(right.get());
    right.set(before);
  }

  /** Opens and indexes both picked images and compares them. */
  public void compare() {
    CompareChoice from = left.get();
    CompareChoice to = right.get();
    if (from == null || to == null) {
      status.set("Pick an image on each side first.");
      return;
    }
    if (comparing != null) {
      comparing.cancel();
    }
    int current = ++request;
    running.set(true);
    status.set("Comparing " + from.label() + " with " + to.label() + "...");
    comparing = executor.submit(new BackgroundTask<>(
        "Comparing " + from.label() + " with " + to.label(),
        progress -> ImageComparison.of(load(from, progress), load(to, progress)),
        result -> {
          if (current == request) {
            running.set(false);
            show(result);
          }
        },
        failure -> {
          if (current == request) {
            running.set(false);
            if (!ErrorViewModel.isCancellation(failure)) {
              LOG.warn("Comparing {} with {} failed", from.label(), to.label(), failure);
              status.set("Comparing failed: " + ErrorViewModel.summary(failure));
            }
          }
        }));
    taskTracker.accept(comparing);
  }

  /** Shows a computed comparison; public so that tests and callers with a result can show it. */
  public void show(ImageComparison result) {
    comparison.set(result);
    allFileChanges.setAll(result == null ? List.of() : result.files().changes());
    if (result == null) {
      status.set("Pick two images and press Compare.");
    } else if (result.files().omitted() > 0) {
      status.set("Compared. " + result.files().omitted() + " more file differences are not listed.");
    } else {
      status.set("Compared " + result.left().name() + " with " + result.right().name() + ".");
    }
  }

  /** Opens one picked image on a worker thread and closes it again once its analysis is built. */
  private ComparedImage load(CompareChoice choice, ProgressListener progress) throws Exception {
    if (choice.row() != null) {
      return analyzeAndClose(choice.row(), choice.label(), progress);
    }
    Path file = choice.file();
    if (!Files.exists(file)) {
      throw new IOException(file + " does not exist; pick another file or image");
    }
    try (ImageSource source = FileSources.open(file)) {
      List<ImageSummary> images = source.listImages();
      if (images.isEmpty()) {
        throw new IOException(file + " contains no image; check that it is a docker save archive or OCI layout");
      }
      // NOTE: an archive with several images is compared by its first one.
      ImageRow row = new ImageRow(source, images.get(0));
      return analyzeAndClose(row, row.reference(), progress);
    }
  }

  private ComparedImage analyzeAndClose(ImageRow row, String name, ProgressListener progress) throws Exception {
    OpenedImage opened = analyzer.analyze(row, null, progress);
    try {
      ScanResult scan = scans.latest(opened.analysis().image().digest().toString()).orElse(null);
      return new ComparedImage(name, opened.analysis().image().config(), opened.analysis(), opened.sbom(), scan,
          opened.hardening());
    } finally {
      // The comparison reads only the layer indexes, so the image's streams can close now.
      ImageAnalyzer.closeQuietly(opened.analysis().image());
    }
  }

  /**
   * Writes the shown comparison to a file on a worker thread.
   *
   * @param onDone receives the file once it is written
   */
  public void export(Path file, ComparisonFormat format, Consumer<Path> onDone) {
    ImageComparison shown = comparison.get();
    if (shown == null || file == null) {
      return;
    }
    TaskHandle handle = executor.submit(new BackgroundTask<>(
        "Exporting the comparison to " + file.getFileName(),
        progress -> {
          // Rendered in memory first, so a failure leaves no half-written file.
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          ComparisonWriters.write(shown, format, buffer);
          Files.write(file, buffer.toByteArray());
          return file;
        },
        written -> {
          status.set("Exported the comparison as " + format.name().toLowerCase(Locale.ROOT) + " to " + written + ".");
          onDone.accept(written);
        },
        failure -> status.set("Exporting failed: " + ErrorViewModel.summary(failure))));
    taskTracker.accept(handle);
  }

  private void applyFileFilter() {
    String text = fileFilter.get() == null ? "" : fileFilter.get().strip().toLowerCase(Locale.ROOT);
    FileChange.Kind kind = fileKind.get();
    fileChanges.setPredicate(change -> (kind == null || change.kind() == kind)
        && (text.isEmpty() || change.path().toLowerCase(Locale.ROOT).contains(text)));
  }

  /** Images offered in both pickers. */
  public ObservableList<CompareChoice> choices() {
    return choices;
  }

  /** The image compared from. */
  public ObjectProperty<CompareChoice> leftProperty() {
    return left;
  }

  /** The image compared to. */
  public ObjectProperty<CompareChoice> rightProperty() {
    return right;
  }

  /** The shown comparison; null until one is computed. */
  public ReadOnlyObjectProperty<ImageComparison> comparisonProperty() {
    return comparison.getReadOnlyProperty();
  }

  /** One line on what the window is doing or what went wrong. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** True while a comparison is computed. */
  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** True while the window should be shown; the window sets it back when it closes. */
  public BooleanProperty showingProperty() {
    return showing;
  }

  /** Text a file path must contain to be listed; empty lists every path. */
  public StringProperty fileFilterProperty() {
    return fileFilter;
  }

  /** The kind of file difference listed, or null for every kind. */
  public ObjectProperty<FileChange.Kind> fileKindProperty() {
    return fileKind;
  }

  /** File differences that pass the filter, in path order. */
  public ObservableList<FileChange> fileChanges() {
    return fileChanges;
  }
}
