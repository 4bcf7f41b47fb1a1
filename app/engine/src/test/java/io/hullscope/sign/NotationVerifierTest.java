package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotationVerifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] envelope() throws Exception {
    return Files.readAllBytes(CosignFixtures.path("notation/jws_signature.sig"));
  }

  private static Digest target() throws Exception {
    return Digest.sha256Of(Files.readAllBytes(CosignFixtures.path("notation/target-manifest-19dbd2e4.json")));
  }

  private static X509Certificate leaf() throws Exception {
    String x5c = JSON.readTree(envelope()).path("header").path("x5c").get(0).asText();
    return PemFiles.certificates(Base64.getDecoder().decode(x5c)).get(0);
  }

  private static NotationVerifier verifier(List<X509Certificate> roots, Clock clock) {
    return new NotationVerifier(new TrustPolicy(List.of(), roots, List.of(), List.of(), null),
        NotationVerifier.DEFAULT_MAX_ENVELOPE, clock);
  }

  private static NotationVerifier trusting() throws Exception {
    return verifier(List.of(leaf()), Clock.systemUTC());
  }

  @Test
  void jwsVerifiesWithTrustStoreCertificate() throws Exception {
    SignatureResult result = trusting().verifyJws(envelope(), target(), "referrer");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.verdict().matchedRule()).contains("CN=alpine");
    assertThat(result.signedAt()).isEqualTo(Instant.parse("2023-03-14T08:10:02Z"));
    assertThat(result.signer()).contains("CN=alpine");
  }

  @Test
  void jwsTimestampIsReportedNotVerified() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(envelope());
    byte[] token = NotationCoseVerifierTest.timestampToken("20230314081003Z", leaf());
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("header"))
        .put(NotationCoseVerifier.TIMESTAMP_SIGNATURE, Base64.getEncoder().encodeToString(token));

    SignatureResult result = trusting().verifyJws(JSON.writeValueAsBytes(root), target(), "referrer");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.notes()).anySatisfy(note -> assertThat(note)
        .contains("timestamped by CN=alpine").contains("2023-03-14T08:10:03Z").contains("not verified"));
  }

  @Test
  void jwsWithoutTrustStoreIsNotVerified() throws Exception {
    SignatureResult result = verifier(List.of(), Clock.systemUTC()).verifyJws(envelope(), target(), "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.NO_TRUSTED_KEY);
  }

  @Test
  void jwsWithOtherRootIsUntrusted() throws Exception {
    var otherRoot = PemFiles.certificates(Files.readAllBytes(CosignFixtures.path("cosign-legacy/pki/pki_root_crts.pem")));
    SignatureResult result = verifier(otherRoot, Clock.systemUTC()).verifyJws(envelope(), target(), "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.UNTRUSTED_CHAIN);
  }

  @Test
  void jwsForOtherDigestIsWrongDigest() throws Exception {
    SignatureResult result = trusting().verifyJws(envelope(), Digest.sha256("1".repeat(64)), "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.WRONG_DIGEST);
  }

  @Test
  void jwsAfterCertificateExpiryIsExpired() throws Exception {
    Clock future = Clock.fixed(Instant.parse("2200-01-01T00:00:00Z"), ZoneOffset.UTC);
    SignatureResult result = verifier(List.of(leaf()), future).verifyJws(envelope(), target(), "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.EXPIRED);
  }

  @Test
  void tamperedSignatureIsBadSignature() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(envelope());
    byte[] signature = Base64.getUrlDecoder().decode(root.path("signature").asText());
    signature[10] ^= 1;
    root.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));

    SignatureResult result = trusting().verifyJws(JSON.writeValueAsBytes(root), target(), "referrer");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void hostileEnvelopesAreMalformed() throws Exception {
    NotationVerifier verifier = trusting();
    Digest target = target();
    byte[] envelope = envelope();

    byte[] truncated = java.util.Arrays.copyOf(envelope, envelope.length / 2);
    assertThat(verifier.verifyJws(truncated, target, "r").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);

    byte[] huge = new byte[NotationVerifier.DEFAULT_MAX_ENVELOPE + 1];
    assertThat(verifier.verifyJws(huge, target, "r").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);

    ObjectNode garbageCertificate = (ObjectNode) JSON.readTree(envelope);
    ((ObjectNode) garbageCertificate.path("header")).putArray("x5c").add("bm90IGEgY2VydGlmaWNhdGU=");
    assertThat(verifier.verifyJws(JSON.writeValueAsBytes(garbageCertificate), target, "r").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    ObjectNode badBase64 = (ObjectNode) JSON.readTree(envelope);
    badBase64.put("payload", "***");
    assertThat(verifier.verifyJws(JSON.writeValueAsBytes(badBase64), target, "r").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    ObjectNode wrongType = (ObjectNode) JSON.readTree(envelope);
    wrongType.put("protected", 12);
    assertThat(verifier.verifyJws(JSON.writeValueAsBytes(wrongType), target, "r").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    ObjectNode longChain = (ObjectNode) JSON.readTree(envelope);
    var x5c = ((ObjectNode) longChain.path("header")).putArray("x5c");
    String leaf = JSON.readTree(envelope).path("header").path("x5c").get(0).asText();
    for (int i = 0; i < 50; i++) {
      x5c.add(leaf);
    }
    assertThat(verifier.verifyJws(JSON.writeValueAsBytes(longChain), target, "r").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);

    byte[] text = "not json at all".getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verifyJws(text, target, "r").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
  }

  @Test
  void coseGarbageIsMalformed() throws Exception {
    SignatureResult result = verifier(List.of(), Clock.systemUTC()).verifyCose(new byte[] {1, 2, 3}, target(), "referrer");

    assertThat(result.kind()).isEqualTo(SignatureKind.NOTATION_COSE);
    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
  }
}
