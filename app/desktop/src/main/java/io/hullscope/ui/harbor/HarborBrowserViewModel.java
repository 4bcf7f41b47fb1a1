package io.hullscope.ui.harbor;

import io.hullscope.check.HarborProjectAudit;
import io.hullscope.image.Digest;
import io.hullscope.sbom.HarborSbomFetcher;
import io.hullscope.sbom.SbomImporter;
import io.hullscope.source.ImageSummary;
import io.hullscope.source.harbor.HarborClient;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborModel.Artifact;
import io.hullscope.source.harbor.HarborModel.Project;
import io.hullscope.source.harbor.HarborModel.Repository;
import io.hullscope.source.harbor.HarborProjectSnapshot;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.sbom.SbomOffer;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskHandle;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * The Harbor browser: projects, their repositories and the repositories' artifacts, a page at a
 * time. It shows Harbor's vulnerability report of the selected artifact, starts scans and SBOM
 * generation in Harbor, opens an artifact in the image tabs and audits a project. Every request to
 * Harbor runs on the task executor.
 */
public final class HarborBrowserViewModel {

  /** Receives an artifact to open in the image tabs. */
  @FunctionalInterface
  public interface ArtifactOpener {
    /** @param harborSbom Harbor's SBOM of the artifact to offer in the SBOM tab, or null when it has none */
    void open(ImageRow row, SbomOffer harborSbom);
  }

  /** Default number of items per page. */
  public static final int DEFAULT_PAGE_SIZE = 25;

  /** Scan states after which Harbor does no more work on a scan. */
  private static final java.util.Set<String> FINISHED_STATES = java.util.Set.of("Success", "Error", "Stopped");

  /** Most vulnerability rows shown for one artifact; the report line gives the full count. */
  static final int MAX_VULNERABILITY_ROWS = 2000;

  private final TaskExecutor executor;
  private final ErrorViewModel error = new ErrorViewModel();
  private final ConnectionStore store;
  private final Duration scanInterval;
  private final Duration scanTimeout;
  private final PagedList<Project> projects;
  private final PagedList<Repository> repositories;
  private final PagedList<ArtifactRow> artifacts;
  private final ReadOnlyObjectWrapper<HarborSourceEntry> entry = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper connectionLine = new ReadOnlyStringWrapper("");
  private final ObjectProperty<Project> selectedProject = new SimpleObjectProperty<>();
  private final ObjectProperty<Repository> selectedRepository = new SimpleObjectProperty<>();
  private final ObjectProperty<ArtifactRow> selectedArtifact = new SimpleObjectProperty<>();
  private final ObservableList<VulnerabilityRow> vulnerabilities = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper reportStatus = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper jobStatus = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper jobRunning = new ReadOnlyBooleanWrapper(false);
  private final HarborAuditViewModel audit;
  private Consumer<TaskHandle> tracker = handle -> {};
  private ArtifactOpener opener = (row, sbom) -> {};
  private int reportRequest;

  public HarborBrowserViewModel(TaskExecutor executor, ConnectionStore store) {
    this(executor, store, DEFAULT_PAGE_SIZE, Duration.ofSeconds(2), Duration.ofMinutes(30));
  }

  /**
   * @param pageSize items per page of every list, at most 100
   * @param scanInterval how often a running Harbor scan is polled
   * @param scanTimeout how long a Harbor scan is followed before the browser stops waiting
   */
  public HarborBrowserViewModel(TaskExecutor executor, ConnectionStore store, int pageSize, Duration scanInterval,
      Duration scanTimeout) {
    this.executor = executor;
    this.store = store;
    this.scanInterval = scanInterval;
    this.scanTimeout = scanTimeout;
    this.projects = new PagedList<>("projects", executor, error, pageSize);
    this.repositories = new PagedList<>("repositories", executor, error, pageSize);
    this.artifacts = new PagedList<>("artifacts", executor, error, pageSize);
    this.audit = new HarborAuditViewModel(executor, error);
    selectedProject.addListener((observable, before, after) -> showProject(after));
    selectedRepository.addListener((observable, before, after) -> showRepository(after));
    selectedArtifact.addListener((observable, before, after) -> showArtifact(after));
  }

  /** Sets where tasks are shown, so the status bar follows the browser's work. */
  public void setTaskTracker(Consumer<TaskHandle> newTracker) {
    tracker = newTracker;
  }

  /** Sets what opens an artifact in the image tabs. */
  public void setArtifactOpener(ArtifactOpener newOpener) {
    opener = newOpener;
  }

  /** Returns the saved connections as sidebar entries; reads the store, so call it off the FX thread. */
  public List<HarborSourceEntry> savedEntries() throws IOException {
    List<HarborSourceEntry> entries = new ArrayList<>();
    for (String name : store.names()) {
      entries.add(new HarborSourceEntry(name, store));
    }
    return entries;
  }

  /**
   * Checks a new connection in the background and, when Harbor accepts it, saves it and hands the
   * new sidebar entry to {@code onSaved}; {@code onFailed} receives why it was not saved.
   */
  public void addConnection(String name, HarborConnection connection, Consumer<HarborSourceEntry> onSaved,
      Consumer<Throwable> onFailed) {
    track(executor.submit(new BackgroundTask<>(
        "Connecting to Harbor " + connection.url(),
        progress -> {
          HarborSourceEntry.connect(connection);
          store.save(name, connection);
          return new HarborSourceEntry(name, store);
        },
        onSaved,
        onFailed)));
  }

  /** Deletes a saved connection and its secret in the background, then calls {@code onDeleted}. */
  public void removeConnection(HarborSourceEntry removed, Runnable onDeleted) {
    track(executor.submit(new BackgroundTask<>(
        "Removing Harbor connection " + removed.name(),
        progress -> {
          store.delete(removed.name());
          return removed;
        },
        done -> onDeleted.run(),
        failure -> error.show("Removing the Harbor connection " + removed.name() + " failed", failure))));
  }

  /** Shows a connection after its sidebar entry has loaded, or clears the browser for null. */
  public void show(HarborSourceEntry newEntry) {
    entry.set(newEntry);
    error.dismiss();
    selectedProject.set(null);
    HarborSourceEntry.Connected connected = newEntry == null ? null : newEntry.connected();
    if (connected == null) {
      connectionLine.set(newEntry == null ? "" : newEntry.statusProperty().get());
      projects.show(null, "");
      return;
    }
    connectionLine.set(connected.describe() + " at " + connected.client().connection().url());
    HarborClient client = connected.client();
    projects.show(client::projects, newEntry.name());
  }

  private HarborClient client() {
    HarborSourceEntry current = entry.get();
    HarborSourceEntry.Connected connected = current == null ? null : current.connected();
    return connected == null ? null : connected.client();
  }

  private void showProject(Project project) {
    selectedRepository.set(null);
    audit.clear();
    HarborClient client = client();
    if (project == null || client == null) {
      repositories.show(null, "");
      return;
    }
    String name = project.name();
    repositories.show((search, page, size) -> client.repositories(name, search, page, size), "project " + name);
  }

  private void showRepository(Repository repository) {
    selectedArtifact.set(null);
    HarborClient client = client();
    if (repository == null || client == null) {
      artifacts.show(null, "");
      return;
    }
    String name = repository.name();
    artifacts.show((search, page, size) -> {
      var found = client.artifacts(name, search, page, size);
      return new io.hullscope.source.harbor.HarborModel.Page<>(
          found.items().stream().map(ArtifactRow::new).toList(), found.total(), found.page(), found.pageSize());
    }, name);
  }

  private void showArtifact(ArtifactRow row) {
    int request = ++reportRequest;
    vulnerabilities.clear();
    HarborClient client = client();
    Repository repository = selectedRepository.get();
    if (row == null || client == null || repository == null) {
      reportStatus.set("");
      return;
    }
    Artifact artifact = row.artifact();
    if (artifact.scan() == null) {
      reportStatus.set("Harbor has not scanned this artifact. Use Scan in Harbor to scan it.");
      return;
    }
    reportStatus.set("Reading Harbor's vulnerability report...");
    String name = repository.name();
    track(executor.submit(new BackgroundTask<>(
        "Reading Harbor's vulnerability report of " + name,
        progress -> client.vulnerabilityReport(name, artifact.digest()),
        report -> {
          if (request != reportRequest) {
            return;
          }
          if (report.isEmpty()) {
            reportStatus.set("Harbor has no vulnerability report for this artifact.");
            return;
          }
          vulnerabilities.setAll(VulnerabilityRow.read(report.get(), MAX_VULNERABILITY_ROWS));
          int total = VulnerabilityRow.count(report.get());
          String scanner = artifact.scan().scanner();
          reportStatus.set(total + (total == 1 ? " vulnerability" : " vulnerabilities") + " in Harbor's report"
              + (scanner == null ? "" : " by " + scanner)
              + (total > vulnerabilities.size() ? ", the first " + vulnerabilities.size() + " shown" : ""));
        },
        failure -> {
          if (request == reportRequest) {
            reportStatus.set("Harbor's vulnerability report could not be read.");
            if (!ErrorViewModel.isCancellation(failure)) {
              error.show("Reading Harbor's vulnerability report of " + name + " failed", failure);
            }
          }
        })));
  }

  /**
   * Opens the selected artifact in the image tabs through Harbor's registry endpoint with this
   * connection's credentials. When Harbor has generated an SBOM for it, the SBOM tab offers a comparison.
   */
  public void openSelectedArtifact() {
    HarborClient client = client();
    Repository repository = selectedRepository.get();
    ArtifactRow row = selectedArtifact.get();
    if (client == null || repository == null || row == null) {
      return;
    }
    String name = repository.name();
    Artifact artifact = row.artifact();
    Digest digest;
    try {
      digest = Digest.parse(artifact.digest());
    } catch (RuntimeException e) {
      error.show("Opening " + name + " failed", e);
      return;
    }
    List<String> references = artifact.tags().stream().map(tag -> client.registryHost() + "/" + name + ":" + tag)
        .toList();
    ImageSummary summary = new ImageSummary(client.artifactKey(name, artifact.digest()),
        references.isEmpty() ? List.of(client.artifactKey(name, artifact.digest())) : references, digest,
        artifact.size(), null, -1, null, List.of());
    SbomOffer offer = row.hasHarborSbom()
        ? new SbomOffer("Harbor's SBOM", () -> new HarborSbomFetcher(client, new SbomImporter())
            .fetch(name, artifact.digest())
            .orElseThrow(() -> new IOException("Harbor no longer lists an SBOM for " + name + "@" + artifact.digest())))
        : null;
    opener.open(new ImageRow(client.registrySource(name), summary), offer);
  }

  /**
   * Starts a vulnerability scan (or SBOM generation) of the selected artifact in Harbor and
   * follows it to the end, then reloads the artifact page and the report.
   *
   * @param sbom true to generate an SBOM, false to scan for vulnerabilities
   */
  public void startHarborJob(boolean sbom) {
    HarborClient client = client();
    Repository repository = selectedRepository.get();
    ArtifactRow row = selectedArtifact.get();
    if (client == null || repository == null || row == null || jobRunning.get()) {
      return;
    }
    String name = repository.name();
    String digest = row.artifact().digest();
    String jobName = sbom ? "SBOM generation" : "Vulnerability scan";
    jobRunning.set(true);
    jobStatus.set(jobName + " started in Harbor");
    track(executor.submit(new BackgroundTask<>(
        (sbom ? "Generating the SBOM of " : "Scanning ") + name + " in Harbor",
        progress -> {
          client.startScan(name, digest, sbom);
          return client.followScan(name, digest, sbom, scanInterval, scanTimeout, progress);
        },
        status -> {
          jobRunning.set(false);
          if (status != null && FINISHED_STATES.contains(status)) {
            jobStatus.set(jobName + " in Harbor ended: " + status);
          } else {
            // followScan returns the last state it saw when its timeout passed first.
            jobStatus.set(jobName + " in Harbor has not finished within " + scanTimeout.toSeconds() + " s"
                + (status == null ? "" : " (last state: " + status + ")") + "; Harbor continues");
          }
          refreshArtifacts(digest);
        },
        failure -> {
          jobRunning.set(false);
          if (ErrorViewModel.isCancellation(failure)) {
            jobStatus.set("Stopped following the " + jobName.toLowerCase(java.util.Locale.ROOT)
                + ", which Harbor continues");
          } else {
            jobStatus.set(jobName + " in Harbor failed");
            error.show(jobName + " of " + name + " in Harbor failed", failure);
          }
        })));
  }

  /** Reloads the artifact page and selects the artifact with {@code digest} again when it is still there. */
  private void refreshArtifacts(String digest) {
    artifacts.items().addListener(new javafx.collections.ListChangeListener<ArtifactRow>() {
      @Override
      public void onChanged(Change<? extends ArtifactRow> change) {
        artifacts.items().removeListener(this);
        artifacts.items().stream().filter(row -> row.artifact().digest().equals(digest)).findFirst()
            .ifPresent(selectedArtifact::set);
      }
    });
    artifacts.refresh();
  }

  /** Audits the selected project in the background; the result appears in {@link #audit()}. */
  public void auditSelectedProject() {
    HarborClient client = client();
    Project project = selectedProject.get();
    HarborSourceEntry current = entry.get();
    if (client == null || project == null) {
      return;
    }
    String account = current.connected().identity().describe();
    track(audit.run(project.name(), progress -> {
      HarborProjectSnapshot snapshot = HarborProjectSnapshot.read(client, project.name());
      return new ProjectAudit(client.connection().url(), snapshot.harborVersion(), project.name(), account,
          Instant.now(), snapshot.unreadable(), HarborProjectAudit.audit(snapshot));
    }));
  }

  private void track(TaskHandle handle) {
    if (handle != null) {
      tracker.accept(handle);
    }
  }

  public ErrorViewModel error() {
    return error;
  }

  public PagedList<Project> projects() {
    return projects;
  }

  public PagedList<Repository> repositories() {
    return repositories;
  }

  public PagedList<ArtifactRow> artifacts() {
    return artifacts;
  }

  /** Returns the shown connection's entry, or null when no Harbor connection is selected. */
  public ReadOnlyObjectProperty<HarborSourceEntry> entryProperty() {
    return entry.getReadOnlyProperty();
  }

  /** Returns the identity line, for example "Signed in as user alice, Harbor v2.12.2 at https://...". */
  public ReadOnlyStringProperty connectionLineProperty() {
    return connectionLine.getReadOnlyProperty();
  }

  public ObjectProperty<Project> selectedProjectProperty() {
    return selectedProject;
  }

  public ObjectProperty<Repository> selectedRepositoryProperty() {
    return selectedRepository;
  }

  public ObjectProperty<ArtifactRow> selectedArtifactProperty() {
    return selectedArtifact;
  }

  /** Returns the rows of Harbor's vulnerability report for the selected artifact, most severe first. */
  public ObservableList<VulnerabilityRow> vulnerabilities() {
    return vulnerabilities;
  }

  /** Returns the line above the report, for example "12 vulnerabilities in Harbor's report by Trivy v0.56.1". */
  public ReadOnlyStringProperty reportStatusProperty() {
    return reportStatus.getReadOnlyProperty();
  }

  /** Returns the state of the last scan or SBOM generation started from here. */
  public ReadOnlyStringProperty jobStatusProperty() {
    return jobStatus.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty jobRunningProperty() {
    return jobRunning.getReadOnlyProperty();
  }

  public HarborAuditViewModel audit() {
    return audit;
  }
}
