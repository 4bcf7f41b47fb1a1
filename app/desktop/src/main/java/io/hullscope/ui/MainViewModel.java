package io.hullscope.ui;

import io.hullscope.check.VulnerabilityFacts;
import io.hullscope.cli.ByteSizes;
import io.hullscope.image.Platform;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.WasteReport;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.store.AppPaths;
import io.hullscope.ui.harbor.ConnectionStore;
import io.hullscope.ui.harbor.HarborBrowserViewModel;
import io.hullscope.ui.harbor.HarborSourceEntry;
import io.hullscope.ui.compare.CompareViewModel;
import io.hullscope.ui.hardening.HardeningViewModel;
import io.hullscope.ui.hardening.ReportExporter;
import io.hullscope.ui.layers.LayersViewModel;
import io.hullscope.ui.overview.OverviewViewModel;
import io.hullscope.ui.prefs.DaemonImageNames;
import io.hullscope.ui.registry.RegistryImageRequest;
import io.hullscope.ui.registry.RegistrySourceEntry;
import io.hullscope.ui.sbom.SbomOffer;
import io.hullscope.ui.sbom.SbomViewModel;
import io.hullscope.ui.sign.SignaturesViewModel;
import io.hullscope.ui.sources.FileSourceEntry;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.sources.SourceKind;
import io.hullscope.ui.sources.SourceListing;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskHandle;
import io.hullscope.ui.task.TaskStatusViewModel;
import io.hullscope.ui.vuln.VulnerabilitiesViewModel;
import io.hullscope.vuln.ScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window: the sidebar of sources, the image table of the selected source and the tabs of
 * the opened image. Every slow step (listing a source, opening an image) runs on the
 * {@link TaskExecutor}; results of a step the user has since replaced are dropped.
 */
public final class MainViewModel implements AutoCloseable {

  private final TaskExecutor executor;
  private final ImageAnalyzer analyzer;
  private final RecentFiles recentFiles;
  private final ObservableList<SourceEntry> sources = FXCollections.observableArrayList();
  private final ObservableList<ImageRow> images = FXCollections.observableArrayList();
  private final ObservableList<Path> recent = FXCollections.observableArrayList();
  private final ObjectProperty<SourceEntry> selectedSource = new SimpleObjectProperty<>();
  private final ObjectProperty<ImageRow> selectedImage = new SimpleObjectProperty<>();
  private final ObservableList<Platform> platforms = FXCollections.observableArrayList();
  private final ObjectProperty<Platform> platform = new SimpleObjectProperty<>();
  private boolean showingPlatformOfImage;
  private final ReadOnlyObjectWrapper<ImageAnalysis> analysis = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper selectedSourceStatus = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper imageSummary = new ReadOnlyStringWrapper("");
  private final TaskStatusViewModel taskStatus = new TaskStatusViewModel();
  private final ErrorViewModel error;
  private final OverviewViewModel overview;
  private final LayersViewModel layers;
  private final SbomViewModel sbom;
  private final HardeningViewModel hardening;
  private final VulnerabilitiesViewModel vulnerabilities;
  private final CompareViewModel compare;
  private final SignaturesViewModel signatures;
  private final ObjectProperty<ImageTab> selectedTab = new SimpleObjectProperty<>(ImageTab.OVERVIEW);
  private final HarborBrowserViewModel harbor;
  private final ReadOnlyBooleanWrapper harborSelected = new ReadOnlyBooleanWrapper(false);
  /** A Harbor artifact being opened and the second SBOM to offer once it is shown. */
  private ImageRow offerRow;
  private SbomOffer offer;
  private int sourceRequest;
  private TaskHandle openingImage;
  /** The image the tabs show, kept so that a rescan can run its checks again; null when none. */
  private OpenedImage displayedImage;
  /** An image name given on the command line, opened once the Docker daemon's images are listed. */
  private String pendingDaemonImage;
  /** A file given on the command line whose image opens once listed, when it contains only one. */
  private Path pendingFile;

  public MainViewModel(
      TaskExecutor executor,
      ImageAnalyzer analyzer,
      RecentFiles recentFiles,
      ErrorViewModel error,
      OverviewViewModel overview,
      LayersViewModel layers,
      SbomViewModel sbom,
      List<SourceEntry> initialSources) {
    this(executor, analyzer, recentFiles, error, overview, layers, sbom,
        new HarborBrowserViewModel(executor, ConnectionStore.inMemory()), initialSources);
  }

  public MainViewModel(
      TaskExecutor executor,
      ImageAnalyzer analyzer,
      RecentFiles recentFiles,
      ErrorViewModel error,
      OverviewViewModel overview,
      LayersViewModel layers,
      SbomViewModel sbom,
      HarborBrowserViewModel harbor,
      List<SourceEntry> initialSources) {
    this.executor = executor;
    this.harbor = harbor;
    harbor.setTaskTracker(taskStatus::track);
    harbor.setArtifactOpener(this::openArtifact);
    this.analyzer = analyzer;
    this.recentFiles = recentFiles;
    this.error = error;
    this.overview = overview;
    this.layers = layers;
    this.sbom = sbom;
    sbom.setFileRevealer((path, layer) -> {
      selectedTab.set(ImageTab.LAYERS);
      layers.revealPath(path, layer);
    });
    this.hardening = new HardeningViewModel(executor, error, ReportExporter.REPORT_WRITERS);
    this.compare = new CompareViewModel(executor, analyzer, images, recent);
    compare.setTaskTracker(taskStatus::track);
    hardening.setNavigator(new HardeningNavigator());
    overview.setHardeningOpener(() -> selectedTab.set(ImageTab.HARDENING));
    this.vulnerabilities = new VulnerabilitiesViewModel(executor, error);
    vulnerabilities.setTaskTracker(taskStatus::track);
    vulnerabilities.setNavigator(new VulnerabilityNavigator());
    vulnerabilities.setOnScanStored(this::recheckWithScan);
    this.signatures = new SignaturesViewModel(executor, AppPaths.dataDir().resolve("trust"));
    signatures.setTaskTracker(taskStatus::track);
    signatures.setSbomOpener(attested -> {
      sbom.offerComparison(attested);
      sbom.compareWithOffered();
      selectedTab.set(ImageTab.SBOM);
    });
    sources.setAll(initialSources);
    recent.setAll(recentFiles.list());
    selectedSource.addListener((observable, before, after) -> {
      selectedSourceStatus.unbind();
      harborSelected.set(after != null && after.kind() == SourceKind.HARBOR);
      if (!harborSelected.get()) {
        harbor.show(null);
      }
      if (after == null) {
        selectedSourceStatus.set("");
      } else {
        selectedSourceStatus.bind(after.statusProperty());
      }
      loadSource(after);
    });
    selectedImage.addListener((observable, before, after) -> {
      showingPlatformOfImage = true;
      platforms.setAll(after == null ? List.of() : after.summary().platforms());
      platform.set(null);
      showingPlatformOfImage = false;
      openImage(after);
    });
    platform.addListener((observable, before, after) -> {
      if (!showingPlatformOfImage && selectedImage.get() != null) {
        openImage(selectedImage.get());
      }
    });
  }

  /**
   * Loads every source once, so the sidebar shows each one's state. When all loads have finished
   * and the user has not picked a source yet, selects the first source that has images, so a
   * machine without Docker opens on the samples.
   */
  public void start() {
    int[] pending = {sources.size()};
    for (SourceEntry entry : List.copyOf(sources)) {
      executor.submit(new BackgroundTask<>(
          "Checking " + entry.name(),
          entry::load,
          listing -> {
            entry.apply(listing);
            pending[0]--;
            selectInitialSource(pending[0]);
          },
          failure -> {
            pending[0]--;
            selectInitialSource(pending[0]);
          }));
    }
    executor.submit(new BackgroundTask<>(
        "Reading the saved Harbor connections",
        progress -> harbor.savedEntries(),
        this::addSavedConnections,
        failure -> error.show("Reading the saved Harbor connections failed", failure)));
  }

  /** Adds the saved Harbor connections below the other sources and checks each one's credentials. */
  private void addSavedConnections(List<HarborSourceEntry> entries) {
    for (HarborSourceEntry entry : entries) {
      sources.add(entry);
      executor.submit(new BackgroundTask<>(
          "Checking Harbor " + entry.name(),
          entry::load,
          listing -> {
            entry.apply(listing);
            if (selectedSource.get() == entry) {
              harbor.show(entry);
            }
          },
          failure -> {}));
    }
  }

  /**
   * Checks a new Harbor connection and, when Harbor accepts it, saves it, adds it to the sidebar
   * (replacing a connection of the same name) and selects it.
   *
   * @param onFailed receives why the connection was not saved, for the dialog to show
   */
  public void addHarborConnection(String name, HarborConnection connection, Runnable onSaved,
      Consumer<Throwable> onFailed) {
    harbor.addConnection(name, connection, entry -> {
      sources.stream().filter(old -> old.kind() == SourceKind.HARBOR && old.name().equals(name)).findFirst()
          .ifPresent(this::dropEntry);
      sources.add(entry);
      selectedSource.set(entry);
      onSaved.run();
    }, onFailed);
  }

  /**
   * Removes a sidebar entry. A Harbor connection is deleted with its secret; the Docker daemon and
   * the samples stay.
   */
  public void removeSource(SourceEntry entry) {
    if (entry instanceof HarborSourceEntry harborEntry) {
      harbor.removeConnection(harborEntry, () -> dropEntry(harborEntry));
    } else if (entry.kind() == SourceKind.FILE || entry.kind() == SourceKind.REGISTRY) {
      dropEntry(entry);
    }
  }

  private void dropEntry(SourceEntry entry) {
    if (selectedSource.get() == entry) {
      selectedSource.set(null);
    }
    sources.remove(entry);
    entry.close();
  }

  /** Adds an image of an OCI registry to the sidebar, selects it and opens the image once it resolves. */
  public void openRegistryImage(RegistryImageRequest request) {
    RegistrySourceEntry entry = new RegistrySourceEntry(request);
    sources.stream().filter(old -> old.kind() == SourceKind.REGISTRY && old.name().equals(entry.name())).findFirst()
        .ifPresent(this::dropEntry);
    sources.add(entry);
    selectedSource.set(entry);
  }

  /** Opens a Harbor artifact in the image tabs and offers Harbor's SBOM in the SBOM tab once it is shown. */
  private void openArtifact(ImageRow row, SbomOffer harborSbom) {
    offerRow = row;
    offer = harborSbom;
    error.dismiss();
    selectedImage.set(row);
  }

  private void selectInitialSource(int pending) {
    if (pending > 0 || selectedSource.get() != null || sources.isEmpty()) {
      return;
    }
    selectedSource.set(sources.stream().filter(SourceEntry::hasImages).findFirst().orElse(sources.get(0)));
  }

  /** Lists the images of the selected source again, for example after starting Docker. */
  public void refresh() {
    loadSource(selectedSource.get());
  }

  /** Adds a docker save archive or OCI layout folder to the sidebar and selects it. */
  public void openPath(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    recentFiles.remember(absolute);
    recent.setAll(recentFiles.list());
    Optional<SourceEntry> known = sources.stream()
        .filter(entry -> entry instanceof FileSourceEntry file && file.path().equals(absolute))
        .findFirst();
    SourceEntry entry = known.orElseGet(() -> {
      FileSourceEntry created = new FileSourceEntry(absolute);
      sources.add(created);
      return created;
    });
    if (selectedSource.get() == entry) {
      loadSource(entry);
    } else {
      selectedSource.set(entry);
    }
  }

  /** Opens a file like {@link #openPath} and, when it contains one image, opens that image too. */
  public void openPathAndImage(Path path) {
    pendingFile = path.toAbsolutePath().normalize();
    openPath(path);
  }

  /**
   * Selects the Docker daemon and opens the image with this name or id once its images are listed.
   * Shows an error when the daemon is not reachable or does not have the image.
   */
  public void openDaemonImage(String reference) {
    Optional<SourceEntry> docker = sources.stream().filter(entry -> entry.kind() == SourceKind.DOCKER).findFirst();
    if (docker.isEmpty()) {
      error.show("Opening " + reference + " failed", new IllegalStateException("the sidebar has no Local Docker entry"));
      return;
    }
    pendingDaemonImage = reference;
    if (selectedSource.get() == docker.get()) {
      loadSource(docker.get());
    } else {
      selectedSource.set(docker.get());
    }
  }

  private void selectPendingDaemonImage(SourceListing listing) {
    String requested = pendingDaemonImage;
    pendingDaemonImage = null;
    if (!listing.available()) {
      error.show("Opening " + requested + " failed", new IOException(listing.status()));
      return;
    }
    Optional<ImageRow> row = images.stream().filter(image -> DaemonImageNames.matches(image.summary(), requested))
        .findFirst();
    if (row.isPresent()) {
      selectedImage.set(row.get());
    } else {
      error.show("Opening " + requested + " failed",
          new IOException("the Docker daemon has no image named " + requested + "; check 'docker images'"));
    }
  }

  private void loadSource(SourceEntry entry) {
    int request = ++sourceRequest;
    selectedImage.set(null);
    images.clear();
    if (entry == null) {
      return;
    }
    TaskHandle handle = executor.submit(new BackgroundTask<>(
        "Listing images of " + entry.name(),
        entry::load,
        listing -> showListing(request, entry, listing),
        failure -> {
          if (request == sourceRequest && !ErrorViewModel.isCancellation(failure)) {
            error.show("Listing images of " + entry.name() + " failed", failure);
          }
        }));
    if (request == sourceRequest) {
      taskStatus.track(handle);
    }
  }

  private void showListing(int request, SourceEntry entry, SourceListing listing) {
    entry.apply(listing);
    if (request != sourceRequest) {
      return;
    }
    images.setAll(listing.images());
    if (entry.kind() == SourceKind.DOCKER && pendingDaemonImage != null) {
      selectPendingDaemonImage(listing);
    }
    if (entry instanceof FileSourceEntry file && file.path().equals(pendingFile)) {
      pendingFile = null;
      if (images.size() == 1) {
        selectedImage.set(images.get(0));
      }
    }
    if (entry instanceof HarborSourceEntry harborEntry) {
      harbor.show(harborEntry);
    } else if (entry instanceof RegistrySourceEntry && images.size() == 1) {
      // The user asked for this one image, so it opens without another click.
      selectedImage.set(images.get(0));
    }
  }

  private void openImage(ImageRow row) {
    if (openingImage != null) {
      openingImage.cancel();
    }
    replaceAnalysis(null);
    if (row == null) {
      return;
    }
    error.dismiss();
    Platform requestedPlatform = platform.get();
    TaskHandle[] self = new TaskHandle[1];
    self[0] = executor.submit(new BackgroundTask<>(
        "Opening " + row.reference(),
        progress -> analyzer.analyze(row, requestedPlatform, progress),
        opened -> {
          if ((self[0] == null || self[0] == openingImage) && selectedImage.get() == row) {
            replaceAnalysis(opened, row);
            showPlatformOf(opened.analysis());
          } else {
            ImageAnalyzer.closeQuietly(opened.analysis().image());
          }
        },
        failure -> {
          if ((self[0] == null || self[0] == openingImage) && !ErrorViewModel.isCancellation(failure)) {
            error.show("Opening " + row.reference() + " failed", failure);
          }
        }));
    openingImage = self[0];
    taskStatus.track(self[0]);
  }

  /**
   * Runs the hardening checks of the shown image again with a scan the Vulnerabilities tab stored,
   * and shows the new grade and findings. The layers are not read again.
   */
  private void recheckWithScan(ScanResult result) {
    OpenedImage before = displayedImage;
    if (before == null || before.facts() == null || before.checks() == null
        || !before.analysis().image().digest().toString().equals(result.imageDigest())) {
      return;
    }
    String name = summaryName(before.analysis());
    taskStatus.track(executor.submit(new BackgroundTask<>(
        "Grading " + name + " with the new scan",
        progress -> analyzer.withScan(before, name, VulnerabilityFacts.of(result)),
        rechecked -> {
          if (displayedImage == before) {
            displayedImage = rechecked;
            overview.showHardening(rechecked.hardening(), rechecked.hardeningFailure());
            hardening.show(rechecked.hardening(), rechecked.facts(), rechecked.hardeningFailure());
          }
        },
        failure -> {
          if (!ErrorViewModel.isCancellation(failure)) {
            error.show("Grading " + name + " with the new scan failed", failure);
          }
        })));
  }

  /** Shows which platform the source picked when the user asked for none, without reopening. */
  private void showPlatformOf(ImageAnalysis opened) {
    Platform picked = opened.image().config().platform();
    if (platform.get() == null && picked != null && platforms.contains(picked)) {
      showingPlatformOfImage = true;
      platform.set(picked);
      showingPlatformOfImage = false;
    }
  }

  private void replaceAnalysis(OpenedImage opened) {
    replaceAnalysis(opened, null);
  }

  private void replaceAnalysis(OpenedImage opened, ImageRow row) {
    ImageAnalysis next = opened == null ? null : opened.analysis();
    ImageAnalysis previous = analysis.get();
    displayedImage = opened;
    analysis.set(next);
    imageSummary.set(next == null ? "" : summarize(next, row));
    overview.show(next, row);
    layers.show(next);
    overview.showHardening(opened == null ? null : opened.hardening(),
        opened == null ? null : opened.hardeningFailure());
    hardening.show(opened == null ? null : opened.hardening(), opened == null ? null : opened.facts(),
        opened == null ? null : opened.hardeningFailure());
    if (opened == null) {
      sbom.show(null, null);
    } else if (opened.sbom() != null) {
      sbom.show(opened.sbom(), next);
    } else {
      sbom.showUnavailable(next, opened.sbomFailure());
    }
    vulnerabilities.show(next == null ? null : next.image().digest().toString(),
        next == null ? null : summaryName(next), opened == null ? null : opened.sbom());
    signatures.show(opened == null ? null : row);
    if (row != null && row == offerRow && offer != null) {
      sbom.offerComparison(offer);
    }
    if (previous != null) {
      ImageAnalyzer.closeQuietly(previous.image());
    }
  }

  /**
   * Returns the status bar line: layers, the sizes by their Overview names and the efficiency, for
   * example "app:1.0: 2 layers, 2.8 KiB stored, 18.5 KiB unpacked, 1.8 KiB in 11 files, 100.0 % efficient".
   */
  static String summarize(ImageAnalysis opened, ImageRow row) {
    String reference = opened.image().references().isEmpty()
        ? opened.image().digest().shortHex()
        : opened.image().references().get(0);
    StringBuilder text = new StringBuilder(reference).append(": ").append(opened.layers().size())
        .append(opened.layers().size() == 1 ? " layer, " : " layers, ");
    if (row != null && row.summary().size() >= 0) {
      text.append(row.size()).append(row.sizeName().equals(SizeTerms.STORED) ? " stored, " : " in Docker, ");
    }
    text.append(ByteSizes.format(SizeTerms.unpackedSize(opened))).append(" unpacked, ");
    FileTree top = SizeTerms.finalFileSystem(opened);
    if (top != null) {
      int files = top.root().fileCount();
      text.append(ByteSizes.format(top.totalSize())).append(" in ").append(files)
          .append(files == 1 ? " file, " : " files, ");
    }
    WasteReport waste = opened.waste();
    return text.append(String.format(Locale.ROOT, "%.1f %% efficient", waste.efficiency() * 100)).toString();
  }

  /** Cancels the task shown in the status bar. */
  public void cancelTask() {
    taskStatus.cancel();
  }

  @Override
  public void close() {
    replaceAnalysis(null);
    sources.forEach(SourceEntry::close);
  }

  public ObservableList<SourceEntry> sources() {
    return sources;
  }

  public ObservableList<ImageRow> images() {
    return images;
  }

  /** Platforms the selected image offers; more than one for a multi-platform index. */
  public ObservableList<Platform> platforms() {
    return platforms;
  }

  /** Returns the platform to open the selected image for. Setting it reopens the image. */
  public ObjectProperty<Platform> platformProperty() {
    return platform;
  }

  /** Recently opened files, newest first. */
  public ObservableList<Path> recentFiles() {
    return recent;
  }

  public ObjectProperty<SourceEntry> selectedSourceProperty() {
    return selectedSource;
  }

  /** Returns the state line of the selected source, for example why the Docker daemon is not reachable. */
  public ReadOnlyStringProperty selectedSourceStatus() {
    return selectedSourceStatus.getReadOnlyProperty();
  }

  /** Returns a one-line summary of the opened image for the status bar; empty while none is open. */
  public ReadOnlyStringProperty imageSummaryProperty() {
    return imageSummary.getReadOnlyProperty();
  }

  public ObjectProperty<ImageRow> selectedImageProperty() {
    return selectedImage;
  }

  /** Returns the analysis of the opened image; its value is null while no image is open. */
  public ReadOnlyObjectProperty<ImageAnalysis> analysisProperty() {
    return analysis.getReadOnlyProperty();
  }

  public TaskStatusViewModel taskStatus() {
    return taskStatus;
  }

  public ErrorViewModel error() {
    return error;
  }

  public OverviewViewModel overview() {
    return overview;
  }

  public LayersViewModel layers() {
    return layers;
  }

  public HardeningViewModel hardening() {
    return hardening;
  }

  public SbomViewModel sbom() {
    return sbom;
  }

  public VulnerabilitiesViewModel vulnerabilities() {
    return vulnerabilities;
  }

  /** Returns the Compare window's view model. */
  public CompareViewModel compare() {
    return compare;
  }

  /**
   * Opens the Compare window on two docker save archives or OCI layouts and compares them, for
   * example an image and its hardened version.
   */
  public void compareFiles(Path left, Path right) {
    compare.compareFiles(left, right);
  }

  public SignaturesViewModel signatures() {
    return signatures;
  }

  public HarborBrowserViewModel harbor() {
    return harbor;
  }

  /** Returns true while a Harbor connection is selected, so the Harbor browser replaces the image table. */
  public ReadOnlyBooleanProperty harborSelectedProperty() {
    return harborSelected.getReadOnlyProperty();
  }

  /** Returns the tab shown for the open image; the SBOM tab sets it to show an evidence file. */
  public ObjectProperty<ImageTab> selectedTabProperty() {
    return selectedTab;
  }

  /** Returns the image's first reference, or its short digest when it has none. */
  private static String summaryName(ImageAnalysis opened) {
    return opened.image().references().isEmpty()
        ? opened.image().digest().shortHex()
        : opened.image().references().get(0);
  }

  /** Shows a vulnerability's package in the SBOM tab and its evidence file in the Layers tab. */
  private final class VulnerabilityNavigator implements VulnerabilitiesViewModel.Navigator {

    @Override
    public void selectPackage(ImagePackage found) {
      sbom.selectedPackageProperty().set(found);
    }

    @Override
    public void showPackage(ImagePackage found) {
      sbom.selectedPackageProperty().set(found);
      selectedTab.set(ImageTab.SBOM);
    }

    @Override
    public void revealEvidence(ImagePackage found) {
      sbom.revealEvidence(found);
    }
  }

  /** Shows a finding's evidence: files in the Layers tab, history steps on the Overview. */
  private final class HardeningNavigator implements HardeningViewModel.Navigator {

    @Override
    public void revealFile(String path, int layer) {
      ImageAnalysis current = analysis.get();
      if (current == null) {
        return;
      }
      int top = current.layers().size() - 1;
      selectedTab.set(ImageTab.LAYERS);
      // A file evidence without a layer is looked up in the final file system.
      layers.revealPath(path, layer >= 0 && layer <= top ? layer : top);
    }

    @Override
    public void revealHistory(int historyIndex) {
      selectedTab.set(ImageTab.OVERVIEW);
      overview.revealHistory(historyIndex);
    }
  }
}
