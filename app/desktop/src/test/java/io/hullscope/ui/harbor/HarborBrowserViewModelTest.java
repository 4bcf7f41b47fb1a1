package io.hullscope.ui.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborModel.Project;
import io.hullscope.source.harbor.HarborModel.Repository;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.ui.sbom.SbomOffer;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.sources.SourceListing;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import io.hullscope.image.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Harbor browser's view model against the Harbor stub, with tasks run on the test thread. */
class HarborBrowserViewModelTest {

  private HarborStub stub;
  private HarborScenario scenario;
  private ConnectionStore store;
  private HarborBrowserViewModel browser;

  @BeforeEach
  void start() throws IOException {
    stub = new HarborStub();
    scenario = HarborScenario.serve(stub, HarborScenario.SCANNED_DIGEST);
    store = ConnectionStore.inMemory();
    browser = new HarborBrowserViewModel(new SameThreadTaskExecutor(), store, 2, Duration.ofMillis(5),
        Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  @Test
  void loadSaysWhoWeAreAndTheVersion() throws IOException {
    HarborSourceEntry entry = savedEntry(HarborScenario.SECRET);

    SourceListing listing = entry.load(ProgressListener.NONE);

    assertThat(listing.available()).isTrue();
    assertThat(listing.status()).isEqualTo("Signed in as user alice, Harbor v2.12.2");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void wrongPasswordLeavesEntryUnavailable() throws IOException {
    HarborSourceEntry entry = savedEntry("wrong-password");

    SourceListing listing = entry.load(ProgressListener.NONE);

    assertThat(listing.available()).isFalse();
    assertThat(listing.status()).startsWith("Not connected: Harbor rejected the password of user alice");
    assertThat(listing.status()).doesNotContain("wrong-password");
    assertThat(entry.connected()).isNull();
  }

  @Test
  void addConnectionSavesOnlyAcceptedCredentials() throws IOException {
    List<HarborSourceEntry> saved = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();

    browser.addConnection("bad", connection("nope"), saved::add, failures::add);
    browser.addConnection("good", connection(HarborScenario.SECRET), saved::add, failures::add);

    assertThat(failures).hasSize(1);
    assertThat(saved).extracting(HarborSourceEntry::name).containsExactly("good");
    assertThat(store.names()).containsExactly("good");
  }

  @Test
  void projectsPageForwardAndBack() throws IOException {
    showConnected();

    assertThat(browser.projects().items()).extracting(Project::name).containsExactly("team", "library");
    assertThat(browser.projects().statusProperty().get()).isEqualTo("Page 1 of 2, 3 projects");
    assertThat(browser.projects().hasNextProperty().get()).isTrue();

    browser.projects().next();

    assertThat(browser.projects().items()).extracting(Project::name).containsExactly("legacy");
    assertThat(browser.projects().statusProperty().get()).isEqualTo("Page 2 of 2, 3 projects");
    assertThat(browser.projects().hasNextProperty().get()).isFalse();
    assertThat(browser.projects().hasPreviousProperty().get()).isTrue();

    browser.projects().previous();

    assertThat(browser.projects().items()).extracting(Project::name).containsExactly("team", "library");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void projectSearchAsksHarbor() throws IOException {
    showConnected();

    browser.projects().searchProperty().set("tea");
    browser.projects().reload();

    HarborStub.Request last = stub.requests().get(stub.requests().size() - 1);
    assertThat(last.rawUri()).startsWith(HarborScenario.API + "/projects?");
    assertThat(HarborScenario.query(last.rawUri())).containsEntry("q", "name%3D%7Etea").containsEntry("page", "1");
  }

  @Test
  void nestedRepositoryListsItsArtifacts() throws IOException {
    showRepository();

    assertThat(browser.artifacts().items()).extracting(ArtifactRow::tags).containsExactly("1.0", "0.9");
    ArtifactRow first = browser.artifacts().items().get(0);
    assertThat(first.vulnerabilities()).isEqualTo("H 1 · M 1");
    assertThat(first.accessories()).isEqualTo("cosign, SBOM");
    assertThat(first.labels()).isEqualTo("release");
    assertThat(first.pulled()).isEqualTo("never");
    assertThat(browser.artifacts().items().get(1).vulnerabilities()).isEqualTo("not scanned");
    assertThat(stub.requests()).extracting(HarborStub.Request::rawUri)
        .anyMatch(uri -> uri.startsWith(HarborScenario.ARTIFACTS + "?page=1&page_size=2"));
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void artifactSearchAsksForTags() throws IOException {
    showRepository();

    browser.artifacts().searchProperty().set("0.");
    browser.artifacts().reload();

    HarborStub.Request last = stub.requests().get(stub.requests().size() - 1);
    assertThat(HarborScenario.query(last.rawUri())).containsEntry("q", "tags%3D%7E0.");
  }

  @Test
  void selectedArtifactShowsHarborsReport() throws IOException {
    showRepository();

    browser.selectedArtifactProperty().set(browser.artifacts().items().get(0));

    assertThat(browser.vulnerabilities()).extracting(VulnerabilityRow::id)
        .containsExactly("CVE-2024-0001", "CVE-2024-0002");
    assertThat(browser.vulnerabilities().get(0).fixVersion()).isEqualTo("3.0.2");
    assertThat(browser.reportStatusProperty().get())
        .isEqualTo("2 vulnerabilities in Harbor's report by Trivy v0.56.1");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void unscannedArtifactAsksForAScan() throws IOException {
    showRepository();

    browser.selectedArtifactProperty().set(browser.artifacts().items().get(1));

    assertThat(browser.vulnerabilities()).isEmpty();
    assertThat(browser.reportStatusProperty().get()).startsWith("Harbor has not scanned this artifact");
  }

  @Test
  void scanInHarborIsFollowedToTheEnd() throws IOException {
    showRepository();
    browser.selectedArtifactProperty().set(browser.artifacts().items().get(1));

    browser.startHarborJob(false);

    assertThat(browser.jobStatusProperty().get()).isEqualTo("Vulnerability scan in Harbor ended: Success");
    assertThat(browser.jobRunningProperty().get()).isFalse();
    assertThat(scenario.scanPolls()).isEqualTo(2);
    assertThat(stub.requests()).anyMatch(request -> request.method().equals("POST")
        && request.body().equals("{\"scan_type\":\"vulnerability\"}"));
    assertThat(browser.selectedArtifactProperty().get().artifact().digest()).isEqualTo(HarborScenario.UNSCANNED_DIGEST);
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void scanStillRunningAtTimeoutSaysSo() throws IOException {
    HarborBrowserViewModel impatient = new HarborBrowserViewModel(new SameThreadTaskExecutor(), store, 2,
        Duration.ofMillis(5), Duration.ZERO);
    HarborSourceEntry entry = savedEntry(HarborScenario.SECRET);
    entry.apply(entry.load(ProgressListener.NONE));
    impatient.show(entry);
    impatient.selectedProjectProperty().set(impatient.projects().items().get(0));
    impatient.selectedRepositoryProperty().set(impatient.repositories().items().get(0));
    impatient.selectedArtifactProperty().set(impatient.artifacts().items().get(1));

    impatient.startHarborJob(false);

    assertThat(impatient.jobStatusProperty().get())
        .isEqualTo("Vulnerability scan in Harbor has not finished within 0 s (last state: Running); Harbor continues");
  }

  @Test
  void openedArtifactComesFromHarborRegistry() throws IOException {
    showRepository();
    List<ImageRow> opened = new ArrayList<>();
    List<SbomOffer> offers = new ArrayList<>();
    browser.setArtifactOpener((row, offer) -> {
      opened.add(row);
      offers.add(offer);
    });
    browser.selectedArtifactProperty().set(browser.artifacts().items().get(0));

    browser.openSelectedArtifact();

    String host = stub.url().getAuthority();
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).summary().key()).isEqualTo(host + "/team/app/api@" + HarborScenario.SCANNED_DIGEST);
    assertThat(opened.get(0).reference()).isEqualTo(host + "/team/app/api:1.0");
    assertThat(offers.get(0).name()).isEqualTo("Harbor's SBOM");
  }

  @Test
  void artifactWithoutSbomOffersNone() throws IOException {
    showRepository();
    List<SbomOffer> offers = new ArrayList<>();
    browser.setArtifactOpener((row, offer) -> offers.add(offer));
    browser.selectedArtifactProperty().set(browser.artifacts().items().get(1));

    browser.openSelectedArtifact();

    assertThat(offers).containsExactly((SbomOffer) null);
  }

  @Test
  void auditGroupsFindingsAndExports() throws IOException {
    showConnected();
    browser.projects().next();
    browser.selectedProjectProperty().set(browser.projects().items().get(0));

    browser.auditSelectedProject();

    ProjectAudit audit = browser.audit().resultProperty().get();
    assertThat(audit).isNotNull();
    assertThat(audit.project()).isEqualTo("legacy");
    assertThat(audit.account()).isEqualTo("Signed in as user alice");
    assertThat(audit.findings()).extracting(finding -> finding.id())
        .contains("HARBOR-PUBLIC-PROJECT", "HARBOR-SCAN-ON-PUSH-OFF", "HARBOR-PLAIN-HTTP");
    assertThat(browser.audit().statusProperty().get()).startsWith(audit.findings().size() + " findings in project legacy: ");
    ByteArrayOutputStream markdown = new ByteArrayOutputStream();
    AuditExport.write(audit, AuditExport.Format.MARKDOWN, markdown);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    AuditExport.write(audit, AuditExport.Format.JSON, json);
    assertThat(markdown.toString(StandardCharsets.UTF_8)).contains("`HARBOR-PUBLIC-PROJECT`")
        .doesNotContain(HarborScenario.SECRET);
    assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"id\" : \"HARBOR-SCAN-ON-PUSH-OFF\"")
        .doesNotContain(HarborScenario.SECRET);
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void otherProjectClearsAudit() throws IOException {
    showConnected();
    browser.projects().next();
    browser.selectedProjectProperty().set(browser.projects().items().get(0));
    browser.auditSelectedProject();

    browser.projects().previous();
    browser.selectedProjectProperty().set(browser.projects().items().get(0));

    assertThat(browser.audit().resultProperty().get()).isNull();
    assertThat(browser.repositories().items()).extracting(Repository::name).containsExactly("team/app/api", "team/web");
  }

  private HarborSourceEntry savedEntry(String secret) throws IOException {
    store.save("test", connection(secret));
    return new HarborSourceEntry("test", store);
  }

  private HarborConnection connection(String secret) {
    return new HarborConnection(stub.url(), HarborScenario.USER, secret, null, true, null);
  }

  private void showConnected() throws IOException {
    HarborSourceEntry entry = savedEntry(HarborScenario.SECRET);
    entry.apply(entry.load(ProgressListener.NONE));
    browser.show(entry);
  }

  private void showRepository() throws IOException {
    showConnected();
    browser.selectedProjectProperty().set(browser.projects().items().get(0));
    browser.selectedRepositoryProperty().set(browser.repositories().items().get(0));
  }
}
