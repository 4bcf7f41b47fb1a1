package io.hullscope.ui.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.sign.SignatureFinder;
import io.hullscope.sign.SignatureKind;
import io.hullscope.sign.SignatureResult;
import io.hullscope.sign.Verdict;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignaturesViewModelTest {

  private static final Digest DIGEST = Digest.sha256Of(new byte[] {1, 2, 3});

  @TempDir Path folder;

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private SignaturesViewModel viewModel;

  @BeforeEach
  void createViewModel() {
    viewModel = new SignaturesViewModel(executor, folder.resolve("trust"));
  }

  @Test
  void fileImageSaysNoRegistry() {
    ImageRow row = new ImageRow(new FileSource(), summary("app:1.0"));

    viewModel.show(row);

    assertThat(viewModel.summaryProperty().get()).startsWith("No registry:");
    assertThat(viewModel.whereProperty().get()).contains("opened from a file").contains(".sig");
    assertThat(viewModel.rows()).isEmpty();
    assertThat(executor.titles()).isEmpty();
    assertThat(viewModel.canVerifyAgainProperty().get()).isFalse();
    assertThat(viewModel.stateOf(row).status()).isEqualTo(SignatureStatus.NOT_APPLICABLE);
    assertThat(viewModel.stateOf(row).status().text()).isEqualTo("\u2014");
  }

  @Test
  void dockerImageWaitsForUser() {
    ImageRow row = new ImageRow(new DockerDaemonSource(missingSocket(), Limits.DEFAULT), summary("app:1.0"));

    viewModel.show(row);

    assertThat(viewModel.canLookUpProperty().get()).isTrue();
    assertThat(viewModel.summaryProperty().get()).isEqualTo("Not looked up yet.");
    assertThat(viewModel.noteProperty().get()).isEqualTo(SignatureFinder.CONTENT_TRUST_NOTE);
    assertThat(executor.titles()).isEmpty();
    assertThat(viewModel.stateOf(row).status()).isEqualTo(SignatureStatus.UNKNOWN);
  }

  @Test
  void dockerLookupWithoutDaemonSaysWhy() {
    ImageRow row = new ImageRow(new DockerDaemonSource(missingSocket(), Limits.DEFAULT), summary("app:1.0"));
    viewModel.show(row);

    viewModel.lookUp();

    assertThat(executor.titles()).containsExactly("Looking up signatures");
    assertThat(viewModel.summaryProperty().get()).startsWith("Looking up the signatures failed: ");
    assertThat(viewModel.canLookUpProperty().get()).isTrue();
    assertThat(viewModel.runningProperty().get()).isFalse();
    assertThat(viewModel.stateOf(row).status()).isEqualTo(SignatureStatus.UNKNOWN);
    assertThat(viewModel.stateOf(row).tooltip()).startsWith("The lookup failed: ");
  }

  @Test
  void unreachableRegistryLeavesStatusUnknown() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      // The port is closed again before the lookup, so the connection is refused.
      port = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    RegistrySource source = new RegistrySource(host, List.of("app"),
        RegistryOptions.DEFAULT.withHost(host, RegistryHostSettings.DEFAULT.withInsecure(true)));
    ImageRow row = new ImageRow(source, summary(host + "/app:1.0"));

    viewModel.show(row);

    assertThat(executor.titles()).containsExactly("Looking up signatures");
    assertThat(viewModel.whereProperty().get()).contains(host + "/app").contains(DIGEST.toString());
    assertThat(viewModel.summaryProperty().get()).startsWith("Looking up the signatures failed: ");
    assertThat(viewModel.stateOf(row).status()).isEqualTo(SignatureStatus.UNKNOWN);
    assertThat(viewModel.canVerifyAgainProperty().get()).isTrue();
  }

  @Test
  void closingImageClearsTab() {
    viewModel.show(new ImageRow(new FileSource(), summary("app:1.0")));

    viewModel.show(null);

    assertThat(viewModel.summaryProperty().get()).isEmpty();
    assertThat(viewModel.whereProperty().get()).isEmpty();
  }

  @Test
  void statusOfResults() {
    SignatureResult verified = result(SignatureKind.COSIGN_SIMPLE_SIGNING, Verdict.verified("key SHA256:abc", "ok"));
    SignatureResult bad = result(SignatureKind.NOTATION_JWS, Verdict.rejected(Verdict.Reason.BAD_SIGNATURE, "bad"));
    SignatureResult untrusted = result(SignatureKind.COSIGN_SIMPLE_SIGNING,
        Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY, "no key"));
    SignatureResult cose = result(SignatureKind.NOTATION_COSE, Verdict.rejected(Verdict.Reason.UNSUPPORTED, "cose"));
    SignatureResult attestation = result(SignatureKind.ATTESTATION,
        Verdict.rejected(Verdict.Reason.BAD_SIGNATURE, "bad"));

    assertThat(SignatureStatus.of(List.of())).isEqualTo(SignatureStatus.UNSIGNED);
    assertThat(SignatureStatus.of(List.of(attestation))).isEqualTo(SignatureStatus.UNSIGNED);
    assertThat(SignatureStatus.of(List.of(verified, bad))).isEqualTo(SignatureStatus.VERIFIED);
    assertThat(SignatureStatus.of(List.of(bad, untrusted))).isEqualTo(SignatureStatus.FAILED);
    assertThat(SignatureStatus.of(List.of(untrusted, cose))).isEqualTo(SignatureStatus.SIGNED_UNVERIFIED);
  }

  @Test
  void headlineCountsSignaturesAndAttestations() {
    SignatureResult verified = result(SignatureKind.COSIGN_SIMPLE_SIGNING, Verdict.verified("key SHA256:abc", "ok"));
    SignatureResult bad = result(SignatureKind.NOTATION_JWS, Verdict.rejected(Verdict.Reason.WRONG_DIGEST, "other"));
    SignatureResult attestation = result(SignatureKind.ATTESTATION, Verdict.verified("key SHA256:abc", "ok"));

    assertThat(SignaturesViewModel.headline(SignatureStatus.VERIFIED, List.of(verified, bad, attestation)))
        .isEqualTo("Verified: 1 of 2 signatures matched a trusted key or identity. 1 attestation found.");
    assertThat(SignaturesViewModel.headline(SignatureStatus.FAILED, List.of(bad)))
        .isEqualTo("Failed: the signature failed verification; see the reasons below.");
    assertThat(SignaturesViewModel.headline(SignatureStatus.UNSIGNED, List.of()))
        .startsWith("Unsigned: ");
  }

  @Test
  void rowDescribesVerdict() {
    SignatureRow bad = new SignatureRow(new SignatureResult(SignatureKind.COSIGN_SIMPLE_SIGNING, "tag x.sig layer 1",
        "SHA256:abc", Instant.parse("2026-01-02T03:04:05Z"), null,
        Verdict.rejected(Verdict.Reason.BAD_SIGNATURE, "the signature does not verify"), List.of("no Rekor bundle")));
    SignatureRow sbom = new SignatureRow(result(SignatureKind.ATTESTATION, Verdict.verified("key SHA256:abc", "ok"),
        "https://spdx.dev/Document"));

    assertThat(bad.verdict()).isEqualTo("Not verified: bad signature");
    assertThat(bad.details()).contains("Reason code: BAD_SIGNATURE").contains("Detail: the signature does not verify")
        .contains("Note: no Rekor bundle").contains("Found at: tag x.sig layer 1");
    assertThat(bad.isSbom()).isFalse();
    assertThat(sbom.isSbom()).isTrue();
    assertThat(sbom.verdict()).isEqualTo("Verified");
    assertThat(sbom.details()).contains("Trust rule that matched: key SHA256:abc");
  }

  private String missingSocket() {
    return "unix://" + folder.resolve("no-such-docker.sock");
  }

  private static ImageSummary summary(String key) {
    return new ImageSummary(key, List.of(key), DIGEST, 10, null, 1, "", List.of());
  }

  private static SignatureResult result(SignatureKind kind, Verdict verdict) {
    return result(kind, verdict, null);
  }

  private static SignatureResult result(SignatureKind kind, Verdict verdict, String predicateType) {
    return new SignatureResult(kind, "somewhere", null, null, predicateType, verdict, List.of());
  }

  /** An image source that stands for an archive or layout folder; the tab never opens it. */
  private static final class FileSource implements ImageSource {

    @Override
    public String displayName() {
      return "app.tar";
    }

    @Override
    public List<ImageSummary> listImages() {
      return List.of();
    }

    @Override
    public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
      throw new IOException("not used by these tests");
    }
  }
}
