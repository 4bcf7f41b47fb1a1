package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttestationVerifierTest {

  private static final Digest IMAGE = Digest.sha256("ab".repeat(32));

  private static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  private static byte[] envelope(KeyPair key, Digest subject) throws Exception {
    String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"https://spdx.dev/Document\","
        + "\"subject\":[{\"name\":\"image\",\"digest\":{\"sha256\":\"" + subject.hex() + "\"}}],\"predicate\":{}}";
    byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key.getPrivate());
    signer.update(Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, payload));
    return ("{\"payloadType\":\"" + Dsse.IN_TOTO_PAYLOAD_TYPE + "\",\"payload\":\""
        + Base64.getEncoder().encodeToString(payload) + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\""
        + Base64.getEncoder().encodeToString(signer.sign()) + "\"}]}").getBytes(StandardCharsets.UTF_8);
  }

  private static AttestationVerifier trusting(KeyPair key) {
    return new AttestationVerifier(new TrustPolicy(List.of(new TrustedKey("attest.pem", key.getPublic())), List.of(), List.of(),
        List.of(), null), 1 << 20);
  }

  @Test
  void keySignedAttestationVerifies() throws Exception {
    KeyPair key = ed25519();

    SignatureResult result = trusting(key).verify(envelope(key, IMAGE), IMAGE, "att");

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.predicateType()).isEqualTo("https://spdx.dev/Document");
    assertThat(result.verdict().matchedRule()).endsWith("(attest.pem)");
  }

  @Test
  void attestationForOtherImageIsWrongDigest() throws Exception {
    KeyPair key = ed25519();

    SignatureResult result = trusting(key).verify(envelope(key, Digest.sha256("cd".repeat(32))), IMAGE, "att");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.WRONG_DIGEST);
  }

  @Test
  void attestationWithOtherKeyIsBadSignature() throws Exception {
    SignatureResult result = trusting(ed25519()).verify(envelope(ed25519(), IMAGE), IMAGE, "att");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void hostileEnvelopesAreMalformed() throws Exception {
    AttestationVerifier verifier = trusting(ed25519());
    byte[] valid = envelope(ed25519(), IMAGE);

    assertThat(verifier.verify(java.util.Arrays.copyOf(valid, 40), IMAGE, "a").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);
    assertThat(verifier.verify("{\"payloadType\":\"text/plain\",\"payload\":\"\"}".getBytes(StandardCharsets.UTF_8),
        IMAGE, "a").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
    assertThat(verifier.verify(("{\"payloadType\":\"" + Dsse.IN_TOTO_PAYLOAD_TYPE + "\",\"payload\":\"@@@\"}")
        .getBytes(StandardCharsets.UTF_8), IMAGE, "a").verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
    assertThat(verifier.verify(new byte[(1 << 20) + 1], IMAGE, "a").verdict().reason())
        .isEqualTo(Verdict.Reason.MALFORMED);
  }
}
