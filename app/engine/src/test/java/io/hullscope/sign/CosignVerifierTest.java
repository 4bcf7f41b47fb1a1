package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CosignVerifierTest {

  private static CosignVerifier verifier(TrustPolicy policy) {
    return new CosignVerifier(policy, null, CosignVerifier.DEFAULT_MAX_PAYLOAD);
  }

  private static TrustPolicy keys(String... files) throws Exception {
    List<TrustedKey> keys = new java.util.ArrayList<>();
    for (String file : files) {
      keys.add(new TrustedKey(file, CosignFixtures.key(file)));
    }
    return new TrustPolicy(keys, List.of(), List.of(), List.of(), null);
  }

  @Test
  void keySignatureVerifies() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("key-only/signature-1");
    SignatureResult result = verifier(keys("cosign.pub"))
        .verify(layer.payload(), layer.annotations(), CosignFixtures.manifestDigest("key-only/manifest.json"), "sig");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.verdict().matchedRule()).startsWith("key SHA256:");
    assertThat(result.signer()).isEqualTo(TrustedKey.fingerprint(CosignFixtures.key("cosign.pub")));
  }

  @Test
  void modifiedManifestIsWrongDigest() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("key-only/signature-1");
    SignatureResult result = verifier(keys("cosign.pub")).verify(layer.payload(), layer.annotations(),
        CosignFixtures.manifestDigest("neg-modified-manifest/manifest.json"), "sig");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.WRONG_DIGEST);
  }

  @Test
  void otherKeyIsBadSignature() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("key-only/signature-1");
    SignatureResult result = verifier(keys("cosign2.pub"))
        .verify(layer.payload(), layer.annotations(), CosignFixtures.manifestDigest("key-only/manifest.json"), "sig");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void noTrustedKeyIsNotVerified() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("key-only/signature-1");
    SignatureResult result = verifier(TrustPolicy.empty())
        .verify(layer.payload(), layer.annotations(), CosignFixtures.manifestDigest("key-only/manifest.json"), "sig");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.NO_TRUSTED_KEY);
  }

  @Test
  void rekorSetVerifiesWithLogKey() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("key-rekor/signature-1");
    TrustPolicy base = keys("cosign2.pub");
    TrustPolicy policy = new TrustPolicy(base.keys(), List.of(), List.of(), List.of(CosignFixtures.key("rekor.pub")), null);
    SignatureResult result = verifier(policy)
        .verify(layer.payload(), layer.annotations(), CosignFixtures.manifestDigest("key-rekor/manifest.json"), "sig");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.notes()).anyMatch(note -> note.startsWith("Rekor SET verified"));
    assertThat(result.signedAt()).isNotNull();
  }

  @Test
  void rekorSetFromOtherLogIsBadSignature() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("key-rekor/signature-1");
    TrustPolicy policy = new TrustPolicy(keys("cosign2.pub").keys(), List.of(), List.of(),
        List.of(CosignFixtures.key("cosign.pub")), null);
    SignatureResult result = verifier(policy)
        .verify(layer.payload(), layer.annotations(), CosignFixtures.manifestDigest("key-rekor/manifest.json"), "sig");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void pkiCertificateChainsToRoot() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("pki/signature-1");
    Map<String, String> annotations = layer.annotations();
    var roots = PemFiles.certificates(Files.readAllBytes(CosignFixtures.path("cosign-legacy/pki/pki_root_crts.pem")));
    TrustPolicy policy = new TrustPolicy(List.of(), roots, List.of(), List.of(), null);
    SignatureResult result = verifier(policy)
        .verify(layer.payload(), annotations, CosignFixtures.manifestDigest("pki/manifest.json"), "sig");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.verdict().matchedRule()).startsWith("root certificate");
  }

  @Test
  void pkiCertificateWithoutRootIsNotVerified() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("pki/signature-1");
    SignatureResult result = verifier(TrustPolicy.empty())
        .verify(layer.payload(), layer.annotations(), CosignFixtures.manifestDigest("pki/manifest.json"), "sig");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.NO_TRUSTED_KEY);
  }

  @Test
  void pkiCertificateWithOtherRootIsUntrusted() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("pki/signature-1");
    TrustPolicy policy = new TrustPolicy(List.of(), List.of(wrongRootCertificate()), List.of(), List.of(), null);
    SignatureResult result = verifier(policy)
        .verify(layer.payload(), layer.annotations(), CosignFixtures.manifestDigest("pki/manifest.json"), "sig");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.UNTRUSTED_CHAIN);
  }

  private static java.security.cert.X509Certificate wrongRootCertificate() throws Exception {
    // Any real certificate that did not issue the PKI chain: the notation fixture's self-signed one.
    var envelope = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(CosignFixtures.path("notation/jws_signature.sig").toFile());
    byte[] der = java.util.Base64.getDecoder().decode(envelope.path("header").path("x5c").get(0).asText());
    return PemFiles.certificates(der).get(0);
  }

  @Test
  void garbageInputsAreMalformed() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("key-only/signature-1");
    Digest digest = CosignFixtures.manifestDigest("key-only/manifest.json");
    CosignVerifier verifier = verifier(keys("cosign.pub"));

    Map<String, String> badBase64 = new HashMap<>(layer.annotations());
    badBase64.put(CosignVerifier.SIGNATURE_ANNOTATION, "%%%not base64%%%");
    assertThat(verifier.verify(layer.payload(), badBase64, digest, "sig").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    byte[] truncated = java.util.Arrays.copyOf(layer.payload(), layer.payload().length / 2);
    assertThat(verifier.verify(truncated, layer.annotations(), digest, "sig").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    byte[] huge = new byte[CosignVerifier.DEFAULT_MAX_PAYLOAD + 1];
    assertThat(verifier.verify(huge, layer.annotations(), digest, "sig").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes();
    assertThat(verifier.verify(deep, layer.annotations(), digest, "sig").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    Map<String, String> badBundle = new HashMap<>(layer.annotations());
    badBundle.put(CosignVerifier.BUNDLE_ANNOTATION, "{\"Payload\": 3}");
    assertThat(verifier.verify(layer.payload(), badBundle, digest, "sig").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    Map<String, String> badCertificate = new HashMap<>(layer.annotations());
    badCertificate.put(CosignVerifier.CERTIFICATE_ANNOTATION, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThat(verifier.verify(layer.payload(), badCertificate, digest, "sig").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);
  }

  @Test
  void tamperedPayloadIsBadSignature() throws Exception {
    CosignFixtures.Layer layer = CosignFixtures.layer("key-only/signature-1");
    byte[] tampered = new String(layer.payload(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("cosign container image signature", "cosign container image signaturX")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SignatureResult result = verifier(keys("cosign.pub"))
        .verify(tampered, layer.annotations(), CosignFixtures.manifestDigest("key-only/manifest.json"), "sig");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }
}
