package io.hullscope.ui.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hullscope.check.AccountDatabase;
import io.hullscope.check.CheckDefinition;
import io.hullscope.check.Confidence;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageConfig;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.report.ReportFormat;
import io.hullscope.ui.hardening.HardeningViewModel.SeverityGroup;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardeningViewModelTest {

  private static final Finding ROOT = new Finding("ROOT-USER", "The container runs as root", Severity.HIGH,
      "Root can change every file.", "Config User = (unset)", "Add USER 10001:10001.", "Dockerfile: USER");
  private static final Finding KEY = new Finding("SECRET-IN-FILE", "A private key is in the image", Severity.CRITICAL,
      "Anyone with the image has the key.", "", "Remove the key and rotate it.", "Dockerfile: COPY",
      List.of(Evidence.file(3, "app/certs/deploy-key.pem", "-----BEGIN OPENSSH PRIVATE KEY----- [redacted]")),
      Confidence.MEDIUM);
  private static final Finding CURL = new Finding("CURL-PIPE-SHELL", "A script is piped from curl to sh",
      Severity.MEDIUM, "", "", "Download, check and run the script in separate steps.", "",
      List.of(Evidence.history(3, 2, "curl -fsSL https://get.example.com/install.sh | sh")), null);
  private static final Finding HEALTH = new Finding("NO-HEALTHCHECK", "The image has no health check", Severity.LOW,
      "", "", "Add a HEALTHCHECK.", "");

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final ErrorViewModel error = new ErrorViewModel();
  private final List<String> written = new ArrayList<>();
  private final HardeningViewModel viewModel = new HardeningViewModel(executor, error, (report, format, out) -> {
    written.add(format.name());
    out.write(("report of " + report.imageName() + " as " + format.name()).getBytes(StandardCharsets.UTF_8));
  });

  @Test
  void suggestionsNeedImageFacts() {
    viewModel.show(report(ROOT), null);

    SuggestionsViewModel suggestions = viewModel.suggestions();
    assertThat(suggestions.textProperty(Suggestion.DOCKERFILE).get()).isEmpty();
    assertThat(suggestions.statusProperty().get())
        .isEqualTo("No suggestions because the image facts behind this report are not available.");
    assertThat(executor.titles()).isEmpty();
  }

  @Test
  void suggestionsNameCheckFailure() {
    viewModel.show(null, "the image has no config");

    assertThat(viewModel.suggestions().statusProperty().get())
        .isEqualTo("No suggestions because the hardening checks could not run: the image has no config");
  }

  @Test
  void groupsFollowSeverityOrder() {
    viewModel.show(report(HEALTH, ROOT, CURL, KEY), null);

    List<SeverityGroup> groups = viewModel.groupsProperty().get();
    assertThat(groups).extracting(SeverityGroup::severity)
        .containsExactly(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
    assertThat(groups.get(1).node().label()).isEqualTo("High (1)");
    assertThat(viewModel.summaryProperty().get()).isEqualTo("4 findings, grade D (47 of 100)");
  }

  @Test
  void filterMatchesEvidenceText() {
    viewModel.show(report(HEALTH, ROOT, CURL, KEY), null);

    viewModel.filterProperty().set("INSTALL.SH");

    assertThat(viewModel.groupsProperty().get()).singleElement()
        .satisfies(group -> assertThat(group.findings()).containsExactly(CURL));
    assertThat(viewModel.summaryProperty().get()).isEqualTo("1 of 4 findings match, grade D (47 of 100)");
  }

  @Test
  void filterCountsShownOfTotal() {
    Finding otherRoot = new Finding("USER-NOT-IN-PASSWD", "User 'app' does not exist in the image", Severity.HIGH,
        "", "", "", "");
    viewModel.show(report(ROOT, otherRoot), null);

    viewModel.filterProperty().set("passwd");

    assertThat(viewModel.groupsProperty().get()).singleElement()
        .satisfies(group -> assertThat(group.node().label()).isEqualTo("High (1 of 2)"));
  }

  @Test
  void minimumSeverityHidesLesserGroups() {
    viewModel.show(report(HEALTH, ROOT, CURL, KEY), null);

    viewModel.minimumSeverityProperty().set(Severity.HIGH);

    assertThat(viewModel.groupsProperty().get()).extracting(SeverityGroup::severity)
        .containsExactly(Severity.CRITICAL, Severity.HIGH);
    assertThat(viewModel.summaryProperty().get()).startsWith("2 of 4 findings match");
  }

  @Test
  void filterWithoutMatchExplainsEmptyTree() {
    viewModel.show(report(ROOT), null);

    viewModel.filterProperty().set("no such text");

    assertThat(viewModel.groupsProperty().get()).isEmpty();
    assertThat(viewModel.placeholderProperty().get())
        .isEqualTo("No finding matches the filter and the minimum severity.");
  }

  @Test
  void filterHidingSelectionClearsDetails() {
    viewModel.show(report(ROOT, CURL), null);
    viewModel.selectedFindingProperty().set(ROOT);

    viewModel.filterProperty().set("curl");

    assertThat(viewModel.selectedFindingProperty().get()).isNull();
    assertThat(viewModel.detailsProperty().get()).isNull();
  }

  @Test
  void cleanReportSaysEveryCheckPassed() {
    viewModel.show(report(), null);

    assertThat(viewModel.placeholderProperty().get()).isEqualTo("No finding: every check passed.");
    assertThat(viewModel.summaryProperty().get()).isEqualTo("0 findings, grade A (100 of 100)");
  }

  @Test
  void failedChecksShowReason() {
    viewModel.show(null, "layer 2 was not read");

    assertThat(viewModel.placeholderProperty().get())
        .isEqualTo("The hardening checks could not run: layer 2 was not read");
    assertThat(viewModel.summaryProperty().get()).isEmpty();
  }

  @Test
  void newReportClearsFilterAndKeepsMinimum() {
    viewModel.show(report(ROOT, CURL), null);
    viewModel.filterProperty().set("curl");
    viewModel.minimumSeverityProperty().set(Severity.MEDIUM);

    viewModel.show(report(ROOT, HEALTH), null);

    assertThat(viewModel.filterProperty().get()).isEmpty();
    assertThat(viewModel.minimumSeverityProperty().get()).isEqualTo(Severity.MEDIUM);
    assertThat(viewModel.groupsProperty().get()).extracting(SeverityGroup::severity).containsExactly(Severity.HIGH);
  }

  @Test
  void detailsListEvidenceLinks() {
    viewModel.show(report(KEY, CURL), null);

    viewModel.selectedFindingProperty().set(KEY);

    FindingDetails details = viewModel.detailsProperty().get();
    assertThat(details.points()).isEqualTo(30);
    assertThat(details.evidence()).singleElement().satisfies(link -> {
      assertThat(link.target()).isEqualTo(EvidenceLink.Target.FILE);
      assertThat(link.text()).isEqualTo(
          "/app/certs/deploy-key.pem (layer #3): -----BEGIN OPENSSH PRIVATE KEY----- [redacted]");
    });
  }

  @Test
  void revealSendsFileAndHistoryToNavigator() {
    List<String> calls = new ArrayList<>();
    viewModel.setNavigator(new HardeningViewModel.Navigator() {
      @Override
      public void revealFile(String path, int layer) {
        calls.add("file " + path + " " + layer);
      }

      @Override
      public void revealHistory(int historyIndex) {
        calls.add("history " + historyIndex);
      }
    });

    viewModel.reveal(EvidenceLink.of(KEY.evidenceItems().get(0)));
    viewModel.reveal(EvidenceLink.of(CURL.evidenceItems().get(0)));
    viewModel.reveal(EvidenceLink.of(Evidence.config("User", "(unset)")));

    assertThat(calls).containsExactly("file app/certs/deploy-key.pem 3", "history 3");
  }

  @Test
  void exportWritesChosenFormat(@TempDir Path folder) throws IOException {
    viewModel.show(report(ROOT), null);
    Path target = folder.resolve("app-hardening.sarif");

    viewModel.export(ReportFormat.SARIF, target);

    assertThat(written).containsExactly("SARIF");
    assertThat(Files.readString(target)).isEqualTo("report of example.com/team/app:1.0 as SARIF");
    assertThat(viewModel.exportMessageProperty().get()).isEqualTo("Saved 1 finding as SARIF 2.1.0 to " + target);
    assertThat(folder.toFile().list()).containsExactly("app-hardening.sarif");
  }

  @Test
  void exportOnlyShownKeepsFilteredFindings(@TempDir Path folder) {
    List<HardeningReport> exported = new ArrayList<>();
    HardeningViewModel recording = new HardeningViewModel(executor, error, (report, format, out) -> exported.add(report));
    recording.show(report(ROOT, KEY, HEALTH), null);
    recording.minimumSeverityProperty().set(Severity.HIGH);

    recording.export(ReportFormat.JSON, folder.resolve("shown.json"), true);
    recording.export(ReportFormat.JSON, folder.resolve("all.json"), false);

    assertThat(recording.shownCount()).isEqualTo(2);
    assertThat(recording.hidesFindings()).isTrue();
    assertThat(exported.get(0).findings()).containsExactly(KEY, ROOT);
    assertThat(exported.get(0).grade()).isEqualTo(exported.get(1).grade());
    assertThat(exported.get(1).findings()).containsExactly(KEY, ROOT, HEALTH);
    assertThat(exported.get(0).imageName()).endsWith("(only the 2 of 3 findings a filter showed)");
    assertThat(exported.get(1).imageName()).doesNotContain("filter");
    assertThat(recording.exportMessageProperty().get()).startsWith("Saved 3 findings");
  }

  @Test
  void unfilteredViewHidesNothing() {
    viewModel.show(report(ROOT, KEY), null);

    assertThat(viewModel.hidesFindings()).isFalse();
    assertThat(viewModel.shownCount()).isEqualTo(2);
  }

  @Test
  void exportGetsDefaultPermissions(@TempDir Path folder) throws IOException {
    assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"));
    viewModel.show(report(ROOT), null);
    Path target = folder.resolve("report.md");
    Path reference = Files.createFile(folder.resolve("plain-new-file"));

    viewModel.export(ReportFormat.MARKDOWN, target);

    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(reference));
  }

  @Test
  void failedExportKeepsExistingFile(@TempDir Path folder) throws IOException {
    HardeningViewModel failing = new HardeningViewModel(executor, error, (report, format, out) -> {
      out.write("half a rep".getBytes(StandardCharsets.UTF_8));
      throw new IOException("the writer failed");
    });
    failing.show(report(ROOT), null);
    Path target = Files.writeString(folder.resolve("report.md"), "previous report");

    failing.export(ReportFormat.MARKDOWN, target);

    assertThat(Files.readString(target)).isEqualTo("previous report");
    assertThat(folder.toFile().list()).containsExactly("report.md");
    assertThat(error.visibleProperty().get()).isTrue();
    assertThat(error.messageProperty().get())
        .isEqualTo("Saving the hardening report as Markdown failed: the writer failed");
    assertThat(failing.exportMessageProperty().get()).isEmpty();
  }

  @Test
  void exportToMissingFolderNamesFolder(@TempDir Path folder) {
    viewModel.show(report(ROOT), null);
    Path target = folder.resolve("missing").resolve("report.json");

    viewModel.export(ReportFormat.JSON, target);

    assertThat(error.messageProperty().get()).startsWith("Saving the hardening report as JSON failed: Failed to"
        + " write " + target + ": ").endsWith(". Check that the folder exists and is writable.");
  }

  @Test
  void exportRejectsInvalidFileName() {
    viewModel.show(report(ROOT), null);

    viewModel.export(ReportFormat.HTML, "report\0.html");

    assertThat(written).isEmpty();
    assertThat(error.messageProperty().get()).startsWith("Saving the hardening report failed: 'report");
  }

  @Test
  void suggestedNameDropsRegistryAndTag() {
    viewModel.show(report(ROOT), null);

    assertThat(viewModel.suggestedFileName(ReportFormat.HTML)).isEqualTo("app-hardening.html");
  }

  @Test
  void suggestedNameWithoutReport() {
    assertThat(viewModel.suggestedFileName(ReportFormat.MARKDOWN)).isEqualTo("image-hardening.md");
  }

  /** Returns a report of the findings for a made-up image, graded as the engine grades. */
  static HardeningReport report(Finding... findings) {
    List<Finding> list = List.of(findings);
    ImageConfig config = new ImageConfig(null, "", null, null, null, null, null, null, null, null, null, null, null,
        null, null);
    UserVerdict user = UserVerdict.of(config, AccountDatabase.NONE);
    List<CheckDefinition> checks = list.stream()
        .map(finding -> new CheckDefinition(finding.id(), finding.title(), finding.severity(), "test", ""))
        .distinct()
        .toList();
    return new HardeningReport("example.com/team/app:1.0", Digest.parse("sha256:" + "ab".repeat(32)),
        Instant.parse("2026-01-01T00:00:00Z"), "Hullscope test", user, list, HygieneGrade.of(list), checks);
  }
}
