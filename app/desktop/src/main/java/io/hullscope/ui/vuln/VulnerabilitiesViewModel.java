package io.hullscope.ui.vuln;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskHandle;
import io.hullscope.vuln.DataVersion;
import io.hullscope.vuln.ImportResult;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.OsvRecord;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanSummary;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
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
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vulnerabilities tab: the stored scan of the open image with filters, a count per severity,
 * the details of the selected vulnerability, the image's scan history and the comparison of two
 * scans. Opening an image only reads the cache; the built-in scanner runs when the user asks for a
 * rescan. Every database access runs on the {@link TaskExecutor}, and the results of an image the
 * user has since closed are dropped.
 */
public final class VulnerabilitiesViewModel {

  private static final Logger log = LoggerFactory.getLogger(VulnerabilitiesViewModel.class);

  /** Target of "show package" and "show evidence file"; the main view model connects the SBOM and Layers tabs. */
  public interface Navigator {

    /** Selects the package in the SBOM tab without switching to it. */
    void selectPackage(ImagePackage found);

    /** Switches to the SBOM tab with the package selected. */
    void showPackage(ImagePackage found);

    /** Switches to the Layers tab at the file the package was read from. */
    void revealEvidence(ImagePackage found);
  }

  private final TaskExecutor executor;
  private final ErrorViewModel error;
  private ScanStore store;
  private Path sampleData;
  private Navigator navigator;
  private Consumer<TaskHandle> tracker = handle -> {};

  private final ObservableList<VulnerabilityMatch> matches = FXCollections.observableArrayList();
  private final FilteredList<VulnerabilityMatch> shown = new FilteredList<>(matches);
  private final ObjectProperty<VulnSeverity> minimumSeverity = new SimpleObjectProperty<>();
  private final BooleanProperty fixableOnly = new SimpleBooleanProperty(false);
  private final ObjectProperty<Integer> layer = new SimpleObjectProperty<>();
  private final ObjectProperty<String> ecosystem = new SimpleObjectProperty<>();
  private final StringProperty search = new SimpleStringProperty("");
  private final ObservableList<Integer> layers = FXCollections.observableArrayList();
  private final ObservableList<String> ecosystems = FXCollections.observableArrayList();
  private final ObservableList<SeverityCount> counts = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper shownSummary = new ReadOnlyStringWrapper("");

  private final ReadOnlyObjectWrapper<TabState> state = new ReadOnlyObjectWrapper<>(TabState.NO_IMAGE);
  private final ReadOnlyObjectWrapper<ScanResult> scan = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper sampleDataAvailable = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper databaseEmpty = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canRescan = new ReadOnlyBooleanWrapper(false);

  private final ObjectProperty<VulnerabilityMatch> selected = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<VulnerabilityDetails> details = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<ImagePackage> selectedPackage = new ReadOnlyObjectWrapper<>();

  private final ScanComparisons comparisons;
  private Consumer<String> linkOpener;

  private String imageDigest;
  private String imageName;
  private ImageSbom sbom;
  private List<DataVersion> dataVersions = List.of();
  /** Counts image changes, so that a task started for an earlier image drops its result. */
  private int request;
  private Consumer<ScanResult> onScanStored = result -> {};

  /** Creates the tab's model with a store that fails until {@link #setStore} gives a real one. */
  public VulnerabilitiesViewModel(TaskExecutor executor, ErrorViewModel error) {
    this.executor = executor;
    this.error = error;
    this.store = ScanStore.unavailable("No vulnerability database is open");
    this.comparisons = new ScanComparisons(executor, error, () -> store);
    minimumSeverity.addListener((observable, before, after) -> refilter());
    fixableOnly.addListener((observable, before, after) -> refilter());
    layer.addListener((observable, before, after) -> refilter());
    ecosystem.addListener((observable, before, after) -> refilter());
    search.addListener((observable, before, after) -> refilter());
    selected.addListener((observable, before, after) -> describe(after));
    state.addListener((observable, before, after) -> updateCanRescan());
    busy.addListener((observable, before, after) -> updateCanRescan());
    refilter();
  }

  /** Sets the database the tab reads and writes; the app sets the one it opened at start. */
  public void setStore(ScanStore newStore) {
    store = Objects.requireNonNull(newStore, "store");
  }

  /**
   * Sets the folder of the bundled OSV sample set, which contains one {@code <ecosystem>/all.zip}
   * per ecosystem. "Import sample data" is offered only when it contains at least one.
   */
  public void setSampleData(Path folder) {
    sampleData = folder;
    sampleDataAvailable.set(!sampleZips().isEmpty());
  }

  public void setNavigator(Navigator newNavigator) {
    navigator = newNavigator;
  }

  /** Sets what follows the rescan and import tasks in the status bar. */
  public void setTaskTracker(Consumer<TaskHandle> newTracker) {
    tracker = Objects.requireNonNull(newTracker, "tracker");
  }

  /**
   * Shows an opened image: clears the previous one and reads the image's stored scans in the
   * background. The newest scan of the built-in scanner is shown, or the newest of any scanner
   * when the built-in one never ran.
   *
   * @param digest the image digest that keys the scan cache; null when no image is open
   * @param name the image's reference for task titles
   * @param newSbom the image's SBOM; null when it could not be built
   */
  public void show(String digest, String name, ImageSbom newSbom) {
    request++;
    imageDigest = digest;
    imageName = name;
    sbom = newSbom;
    showResult(null);
    comparisons.show(List.of());
    message.set("");
    if (digest == null) {
      state.set(TabState.NO_IMAGE);
      statusLine.set("");
      return;
    }
    state.set(TabState.LOADING);
    statusLine.set("Reading the stored scans...");
    reload(request);
  }

  /** Reads the data versions, the history and the scan to show, then applies them if the image is still open. */
  private void reload(int forRequest) {
    String digest = imageDigest;
    ScanStore current = store;
    executor.submit(new BackgroundTask<>(
        "Reading the stored vulnerability scans",
        progress -> {
          List<DataVersion> versions = current.dataVersions();
          List<ScanSummary> scans = current.history(digest);
          Optional<ScanSummary> newest = newestToShow(scans);
          ScanResult result = newest.isPresent() ? current.load(newest.get().id()).orElse(null) : null;
          return new Stored(versions, scans, result);
        },
        stored -> {
          if (forRequest == request) {
            apply(stored);
          }
        },
        failure -> {
          log.warn("Reading the stored vulnerability scans of {} failed", digest, failure);
          if (forRequest == request) {
            state.set(TabState.UNAVAILABLE);
            String reason = ErrorViewModel.summary(failure);
            statusLine.set("The vulnerability database could not be read: " + reason
                + (reason.endsWith(".") ? "" : ".") + " Open the image again to retry.");
          }
        }));
  }

  private record Stored(List<DataVersion> versions, List<ScanSummary> scans, ScanResult result) {}

  private static Optional<ScanSummary> newestToShow(List<ScanSummary> scans) {
    Comparator<ScanSummary> byTime = Comparator.comparing(ScanSummary::scannedAt).thenComparing(ScanSummary::id);
    Optional<ScanSummary> builtin = scans.stream()
        .filter(summary -> OsvMatcher.SCANNER.equals(summary.scanner()))
        .max(byTime);
    return builtin.isPresent() ? builtin : scans.stream().max(byTime);
  }

  private void apply(Stored stored) {
    dataVersions = stored.versions();
    databaseEmpty.set(dataVersions.isEmpty());
    comparisons.show(stored.scans());
    showResult(stored.result());
    updateState();
  }

  private void updateState() {
    ScanResult result = scan.get();
    if (result != null) {
      state.set(TabState.SCANNED);
      statusLine.set(ScanText.cachedLine(result) + staleNote(result));
    } else if (sbom == null) {
      state.set(TabState.NO_SBOM);
      statusLine.set("Not scanned yet. The image has no SBOM, so there are no packages to match.");
    } else if (dataVersions.isEmpty()) {
      state.set(TabState.DATABASE_EMPTY);
      statusLine.set("Not scanned yet, and the vulnerability database is empty. Import an OSV export zip"
          + (sampleDataAvailable.get() ? " or the sample data" : "")
          + " (or run 'hullscope db update ECOSYSTEM'), then press Rescan.");
    } else {
      state.set(TabState.NOT_SCANNED);
      statusLine.set("Not scanned yet. Press Rescan to match the " + sbom.packages().size()
          + " packages against the imported OSV data.");
    }
    // An import can change the data while the state stays the same, so this does not wait for a state change.
    updateCanRescan();
  }

  /** Returns a hint when the built-in scan used other data than is imported now. */
  private String staleNote(ScanResult result) {
    if (!OsvMatcher.SCANNER.equals(result.scanner()) || dataVersions.isEmpty()) {
      return "";
    }
    String imported = ScanResult.dataVersionOf(dataVersions);
    return imported.equals(result.dataVersion()) ? "" : ". Newer OSV data is imported; press Rescan to use it.";
  }

  /**
   * Runs the built-in scanner on the open image in the background, stores the result in the scan
   * cache and shows it. The status bar shows its progress and can cancel it.
   *
   * <p>A stored result goes to the listener set with {@link #setOnScanStored}, which runs the
   * hardening checks again with it.
   */
  /** Sets what happens after a rescan of the shown image stored its result. */
  public void setOnScanStored(Consumer<ScanResult> listener) {
    this.onScanStored = listener;
  }

  public void rescan() {
    if (!canRescan.get()) {
      return;
    }
    int forRequest = request;
    String digest = imageDigest;
    ImageSbom scanned = sbom;
    ScanStore current = store;
    busy.set(true);
    message.set("");
    TaskHandle handle = executor.submit(new BackgroundTask<>(
        "Scanning " + imageName + " for vulnerabilities",
        progress -> {
          ScanResult result = current.scan(digest, scanned, progress);
          return new Stored(current.dataVersions(), current.history(digest), result);
        },
        stored -> {
          busy.set(false);
          if (forRequest == request) {
            apply(stored);
            message.set("Found " + count(stored.result().matches().size()) + ".");
            onScanStored.accept(stored.result());
          }
        },
        failure -> {
          busy.set(false);
          if (ErrorViewModel.isCancellation(failure)) {
            message.set("Scan cancelled; the stored result is unchanged.");
          } else {
            error.show("Scanning " + imageName + " for vulnerabilities failed", failure);
          }
        }));
    tracker.accept(handle);
  }

  /**
   * Imports an OSV export zip in the background, replacing the data of its ecosystem. The ecosystem
   * is the zip's folder for a bucket download ({@code Debian/all.zip}), otherwise the file name
   * without {@code .zip}.
   */
  public void importZip(Path zip) {
    importZips("Importing OSV data from " + zip.getFileName(), List.of(zip));
  }

  /** Imports every ecosystem of the bundled sample set, so the samples scan without a network. */
  public void importSampleData() {
    List<Path> zips = sampleZips();
    if (!zips.isEmpty()) {
      importZips("Importing the sample OSV data", zips);
    }
  }

  private void importZips(String title, List<Path> zips) {
    int forRequest = request;
    ScanStore current = store;
    busy.set(true);
    message.set("");
    TaskHandle handle = executor.submit(new BackgroundTask<>(
        title,
        progress -> {
          List<ImportResult> results = new ArrayList<>();
          for (Path zip : zips) {
            results.add(current.importZip(zip, sourceOf(zip), progress));
          }
          return results;
        },
        results -> {
          busy.set(false);
          message.set(importMessage(results));
          if (forRequest == request && imageDigest != null) {
            reload(forRequest);
          }
        },
        failure -> {
          busy.set(false);
          if (ErrorViewModel.isCancellation(failure)) {
            message.set("Import cancelled; the previous data is unchanged.");
          } else {
            error.show(title + " failed", failure);
          }
        }));
    tracker.accept(handle);
  }

  /** Says what an import did in one sentence: "Imported 6 Debian, 1 Maven and 1 npm advisories." */
  static String importMessage(List<ImportResult> results) {
    List<String> parts = results.stream().map(result -> result.imported() + " " + result.source()).toList();
    int imported = results.stream().mapToInt(ImportResult::imported).sum();
    long skipped = results.stream().mapToLong(ImportResult::skippedCount).sum();
    String joined = parts.size() <= 1 ? String.join("", parts)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    return "Imported " + joined + (imported == 1 ? " advisory" : " advisories")
        + (skipped == 0 ? "." : "; skipped " + skipped + " invalid " + (skipped == 1 ? "record." : "records."));
  }

  /** Returns the OSV ecosystem of a zip, named as {@code hullscope db import} names it. */
  static String sourceOf(Path zip) {
    String name = zip.getFileName().toString();
    Path parent = zip.toAbsolutePath().getParent();
    if (name.equals("all.zip") && parent != null && parent.getFileName() != null) {
      return parent.getFileName().toString();
    }
    return name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
  }

  private List<Path> sampleZips() {
    if (sampleData == null || !Files.isDirectory(sampleData)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(sampleData)) {
      return folders.map(folder -> folder.resolve("all.zip")).filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      log.warn("Listing the sample OSV data in {} failed, so its import is not offered", sampleData, e);
      return List.of();
    }
  }

  /**
   * Compares two stored scans of the image in the background: new, fixed and still open from the
   * older to the newer one, whatever order they are given in.
   */
  public void compareHistory(ScanSummary first, ScanSummary second) {
    comparisons.compareHistory(first, second);
  }

  /**
   * Compares the newest scans of two scanners in the background: found by both, only by the first
   * and only by the second.
   */
  public void compareScanners(String first, String second) {
    comparisons.compareScanners(first, second);
  }

  private void showResult(ScanResult result) {
    selected.set(null);
    scan.set(result);
    List<VulnerabilityMatch> found = result == null ? List.of() : result.matches();
    // Choices that no longer exist would hide every row, so they are reset.
    if (layer.get() != null && found.stream().noneMatch(match -> match.layer() == layer.get())) {
      layer.set(null);
    }
    if (ecosystem.get() != null && found.stream().noneMatch(match -> ecosystem.get().equals(match.ecosystem()))) {
      ecosystem.set(null);
    }
    matches.setAll(found);
    layers.setAll(new TreeSet<>(found.stream().map(VulnerabilityMatch::layer).toList()));
    ecosystems.setAll(new TreeSet<>(found.stream().map(VulnerabilityMatch::ecosystem).filter(Objects::nonNull).toList()));
    List<SeverityCount> bars = new ArrayList<>();
    if (result != null) {
      result.countsBySeverity().forEach((severity, count) -> bars.add(new SeverityCount(severity, count)));
    }
    counts.setAll(bars);
    refilter();
  }

  private void refilter() {
    shown.setPredicate(new VulnerabilityFilter(minimumSeverity.get(), fixableOnly.get(), layer.get(), ecosystem.get(),
        search.get()));
    shownSummary.set(shown.size() == matches.size()
        ? count(matches.size())
        : shown.size() + " of " + count(matches.size()) + " shown");
    if (selected.get() != null && !shown.contains(selected.get())) {
      selected.set(null);
    }
  }

  private static String count(int number) {
    return number + (number == 1 ? " vulnerability" : " vulnerabilities");
  }

  private void updateCanRescan() {
    TabState current = state.get();
    boolean scannable = current == TabState.SCANNED || current == TabState.NOT_SCANNED;
    canRescan.set(!busy.get() && sbom != null && scannable && !dataVersions.isEmpty());
  }

  /** Selects the package in the SBOM tab and reads the advisories' text for the details pane. */
  private void describe(VulnerabilityMatch match) {
    details.set(null);
    ImagePackage found = packageOf(match);
    selectedPackage.set(found);
    if (match == null) {
      return;
    }
    if (found != null && navigator != null) {
      navigator.selectPackage(found);
    }

    details.set(VulnerabilityDetails.reading(match));
    if (match.ecosystem() == null) {
      details.set(VulnerabilityDetails.of(match, List.of()));
      return;
    }
    List<String> names = new ArrayList<>();
    if (found != null && found.pkg().sourceName() != null && !found.pkg().sourceName().isBlank()) {
      names.add(found.pkg().sourceName());
    }
    names.add(match.packageName());

    ScanStore current = store;
    executor.submit(new BackgroundTask<>(
        "Reading the advisories of " + match.id(),
        progress -> current.advisories(match.ecosystem(), names),
        (List<OsvRecord> records) -> {
          if (selected.get() == match) {
            details.set(VulnerabilityDetails.of(match, records));
          }
        },
        failure -> {
          log.warn("Reading the advisories of {} in {} failed", match.id(), match.ecosystem(), failure);
          if (selected.get() == match) {
            // The details pane falls back to the scan's own summary, and the table stays usable.
            details.set(VulnerabilityDetails.of(match, List.of()));
          }
        }));
  }

  /** Returns the SBOM package a vulnerability was found in: by package URL, else by name, version and type. */
  ImagePackage packageOf(VulnerabilityMatch match) {
    if (match == null || sbom == null) {
      return null;
    }
    if (match.purl() != null) {
      Optional<ImagePackage> byPurl = sbom.packages().stream()
          .filter(found -> match.purl().equals(found.pkg().purl()))
          .findFirst();
      if (byPurl.isPresent()) {
        return byPurl.get();
      }
    }
    return sbom.packages().stream()
        .filter(found -> found.pkg().name().equals(match.packageName())
            && Objects.equals(found.pkg().version(), match.installedVersion())
            && (match.packageType() == null || match.packageType().equals(found.pkg().type())))
        .findFirst()
        .orElse(null);
  }

  /** Switches to the SBOM tab with the selected vulnerability's package. */
  public void showPackage() {
    if (navigator != null && selectedPackage.get() != null) {
      navigator.showPackage(selectedPackage.get());
    }
  }

  /** Switches to the Layers tab at the file the selected vulnerability's package was read from. */
  public void revealEvidence() {
    if (navigator != null && selectedPackage.get() != null) {
      navigator.revealEvidence(selectedPackage.get());
    }
  }

  /** Returns the vulnerabilities that pass the filters. */
  public ObservableList<VulnerabilityMatch> shown() {
    return shown;
  }

  /** Returns every vulnerability of the shown scan, unfiltered. */
  public ObservableList<VulnerabilityMatch> matches() {
    return FXCollections.unmodifiableObservableList(matches);
  }

  /** Returns the minimum severity shown; null shows every severity, unknown ones included. */
  public ObjectProperty<VulnSeverity> minimumSeverityProperty() {
    return minimumSeverity;
  }

  public BooleanProperty fixableOnlyProperty() {
    return fixableOnly;
  }

  /** Returns the layer whose vulnerabilities are shown; null shows all layers. */
  public ObjectProperty<Integer> layerProperty() {
    return layer;
  }

  /** Returns the OSV ecosystem shown; null shows all. */
  public ObjectProperty<String> ecosystemProperty() {
    return ecosystem;
  }

  public StringProperty searchProperty() {
    return search;
  }

  /** Returns the layers that brought in at least one vulnerability of the scan, for the layer filter. */
  public ObservableList<Integer> layers() {
    return layers;
  }

  /** Returns the OSV ecosystems of the scan's vulnerabilities, for the ecosystem filter. */
  public ObservableList<String> ecosystems() {
    return ecosystems;
  }

  /** Returns the number of vulnerabilities per severity in the whole scan, most severe first, or none without a scan. */
  public ObservableList<SeverityCount> counts() {
    return counts;
  }

  /** Returns how many vulnerabilities are shown, for example "2 of 3 vulnerabilities shown". */
  public ReadOnlyStringProperty shownSummaryProperty() {
    return shownSummary.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<TabState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** Returns the shown scan; null while none is stored. */
  public ReadOnlyObjectProperty<ScanResult> scanProperty() {
    return scan.getReadOnlyProperty();
  }

  /** Returns the "Cached at ... with data of ..." line, or what to do when nothing is stored. */
  public ReadOnlyStringProperty statusLineProperty() {
    return statusLine.getReadOnlyProperty();
  }

  /** Returns the outcome of the last rescan or import, for example "Found 3 vulnerabilities.". */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Returns true when the last read found no imported OSV data, whatever scans are stored. */
  public ReadOnlyBooleanProperty databaseEmptyProperty() {
    return databaseEmpty.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty sampleDataAvailableProperty() {
    return sampleDataAvailable.getReadOnlyProperty();
  }

  /** Returns true while a rescan or an import runs. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Returns true when the open image has an SBOM, OSV data is imported and nothing else runs. */
  public ReadOnlyBooleanProperty canRescanProperty() {
    return canRescan.getReadOnlyProperty();
  }

  public ObjectProperty<VulnerabilityMatch> selectedProperty() {
    return selected;
  }

  /** Returns the details of the selected vulnerability; null while none is selected. */
  public ReadOnlyObjectProperty<VulnerabilityDetails> detailsProperty() {
    return details.getReadOnlyProperty();
  }

  /** Returns the SBOM package of the selected vulnerability; null when none or not found in the SBOM. */
  public ReadOnlyObjectProperty<ImagePackage> selectedPackageProperty() {
    return selectedPackage.getReadOnlyProperty();
  }

  /** Returns the stored scans of the image by every scanner, oldest first. */
  public ObservableList<ScanSummary> history() {
    return comparisons.history();
  }

  /** Returns the scanners with at least one stored scan of the image, sorted. */
  public ObservableList<String> scanners() {
    return comparisons.scanners();
  }

  /** Returns the last comparison of two history entries; null until one is computed or after the image changes. */
  public ReadOnlyObjectProperty<ScanComparison> historyComparisonProperty() {
    return comparisons.historyComparisonProperty();
  }

  /** Returns the last comparison of two scanners; null until one is computed or after the image changes. */
  public ReadOnlyObjectProperty<ScanComparison> scannerComparisonProperty() {
    return comparisons.scannerComparisonProperty();
  }

  /**
   * Sets what opens a reference link, such as the application's {@code HostServices}; without it
   * the view copies links to the clipboard.
   */
  public void setLinkOpener(Consumer<String> opener) {
    linkOpener = opener;
  }

  /** Returns what opens a reference link; null when links can only be copied. */
  public Consumer<String> linkOpener() {
    return linkOpener;
  }
}
