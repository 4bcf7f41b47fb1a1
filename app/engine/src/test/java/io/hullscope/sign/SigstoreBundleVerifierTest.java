package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigstoreBundleVerifierTest {

  private static final Digest OCI_SUBJECT =
      Digest.sha256("732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4");
  private static final IdentityRule OCI_SIGNER = new IdentityRule("cody@soyland.com", "https://github.com/login/oauth", false);
  private static final IdentityRule BEACON = new IdentityRule(
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
          + "extremely-dangerous-oidc-beacon.yml@refs/heads/main", "https://token.actions.githubusercontent.com", false);

  private static SigstoreBundleVerifier verifier(String trustedRoot, IdentityRule... rules) {
    Path root = trustedRoot == null ? null : CosignFixtures.path("sigstore-bundles/" + trustedRoot);
    return new SigstoreBundleVerifier(new TrustPolicy(List.of(), List.of(), List.of(rules), List.of(), root),
        SigstoreBundleVerifier.DEFAULT_MAX_BUNDLE);
  }

  private static byte[] bundle(String relative) throws Exception {
    return Files.readAllBytes(CosignFixtures.path("sigstore-bundles/" + relative));
  }

  private static Digest conformanceArtifact() throws Exception {
    return Digest.sha256Of(Files.readAllBytes(CosignFixtures.path("sigstore-bundles/conformance/a.txt")));
  }

  @Test
  void ociAttestationVerifies() throws Exception {
    SignatureResult result = verifier("cosign-oci/trusted_root_pgi.json", OCI_SIGNER)
        .verify(bundle("cosign-oci/oci-attestation.sigstore.json"), OCI_SUBJECT, "referrer");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.kind()).isEqualTo(SignatureKind.ATTESTATION);
    assertThat(result.predicateType()).isEqualTo("https://cosign.sigstore.dev/attestation/v1");
    assertThat(result.signer()).isEqualTo("cody@soyland.com (https://github.com/login/oauth)");
    assertThat(result.signedAt()).isNotNull();
  }

  @Test
  void ociAttestationOtherDigestIsWrongDigest() throws Exception {
    Digest other = Digest.sha256("0".repeat(64));
    SignatureResult result = verifier("cosign-oci/trusted_root_pgi.json", OCI_SIGNER)
        .verify(bundle("cosign-oci/oci-attestation.sigstore.json"), other, "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.WRONG_DIGEST);
  }

  @Test
  void ociAttestationOtherIdentityIsMismatch() throws Exception {
    IdentityRule other = new IdentityRule("someone@example.com", "https://github.com/login/oauth", false);
    SignatureResult result = verifier("cosign-oci/trusted_root_pgi.json", other)
        .verify(bundle("cosign-oci/oci-attestation.sigstore.json"), OCI_SUBJECT, "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.IDENTITY_MISMATCH);
  }

  @Test
  void identityPatternMatches() throws Exception {
    IdentityRule pattern = new IdentityRule(".*@soyland\\.com", "https://github\\.com/login/oauth", true);
    SignatureResult result = verifier("cosign-oci/trusted_root_pgi.json", pattern)
        .verify(bundle("cosign-oci/oci-attestation.sigstore.json"), OCI_SUBJECT, "referrer");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
  }

  @Test
  void noIdentityIsNotVerified() throws Exception {
    SignatureResult result = verifier("cosign-oci/trusted_root_pgi.json")
        .verify(bundle("cosign-oci/oci-attestation.sigstore.json"), OCI_SUBJECT, "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.NO_TRUSTED_KEY);
  }

  @Test
  void noTrustedRootIsNotVerified() throws Exception {
    SignatureResult result = verifier(null, OCI_SIGNER)
        .verify(bundle("cosign-oci/oci-attestation.sigstore.json"), OCI_SUBJECT, "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.NO_TRUSTED_KEY);
  }

  @Test
  void conformanceHappyPathVerifies() throws Exception {
    SignatureResult result = verifier("trusted_root_public_good.json", BEACON)
        .verify(bundle("conformance/happy-path-v0.3/bundle.sigstore.json"), conformanceArtifact(), "file");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.kind()).isEqualTo(SignatureKind.SIGSTORE_BUNDLE);
  }

  @Test
  void conformanceSignatureMismatchIsRejected() throws Exception {
    SignatureResult result = verifier("trusted_root_public_good.json", BEACON)
        .verify(bundle("conformance/signature-mismatch_fail/bundle.sigstore.json"), conformanceArtifact(), "file");

    assertThat(result.verdict().isVerified()).isFalse();
    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void trustedRootWithoutFulcioIsRejected(@TempDir Path folder) throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var root = (com.fasterxml.jackson.databind.node.ObjectNode)
        mapper.readTree(CosignFixtures.path("sigstore-bundles/trusted_root_public_good.json").toFile());
    root.putArray("certificateAuthorities");
    Path withoutFulcio = folder.resolve("trusted_root.json");
    mapper.writeValue(withoutFulcio.toFile(), root);
    SigstoreBundleVerifier verifier = new SigstoreBundleVerifier(
        new TrustPolicy(List.of(), List.of(), List.of(BEACON), List.of(), withoutFulcio), SigstoreBundleVerifier.DEFAULT_MAX_BUNDLE);

    SignatureResult result = verifier.verify(bundle("conformance/happy-path-v0.3/bundle.sigstore.json"),
        conformanceArtifact(), "file");

    assertThat(result.verdict().isVerified()).isFalse();
    assertThat(result.verdict().reason()).as(result.verdict().detail())
        .isIn(Verdict.Reason.UNTRUSTED_CHAIN, Verdict.Reason.NO_TRUSTED_KEY);
  }

  @Test
  void hostileBundlesAreMalformed() throws Exception {
    SigstoreBundleVerifier verifier = verifier("trusted_root_public_good.json", BEACON);
    byte[] happy = bundle("conformance/happy-path-v0.3/bundle.sigstore.json");
    Digest artifact = conformanceArtifact();

    byte[] truncated = java.util.Arrays.copyOf(happy, happy.length / 2);
    assertThat(verifier.verify(truncated, artifact, "f").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);

    byte[] garbage = new byte[2048];
    new java.util.Random(7).nextBytes(garbage);
    assertThat(verifier.verify(garbage, artifact, "f").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);

    byte[] huge = new byte[SigstoreBundleVerifier.DEFAULT_MAX_BUNDLE + 1];
    assertThat(verifier.verify(huge, artifact, "f").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);

    byte[] badBase64 = new String(happy, StandardCharsets.UTF_8)
        .replaceFirst("\"digest\": ?\"[^\"]+\"", "\"digest\": \"!!not base64!!\"").getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(badBase64, artifact, "f").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);

    byte[] wrongType = "{\"mediaType\": 5, \"messageSignature\": []}".getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(wrongType, artifact, "f").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
  }
}
