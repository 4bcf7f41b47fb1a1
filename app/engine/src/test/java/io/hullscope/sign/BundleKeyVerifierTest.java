package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleKeyVerifierTest {

  private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
  private static final Digest IMAGE = Digest.sha256Of(MANIFEST);
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private static SignatureResult verify(String bundle, KeyPair... trusted) {
    List<TrustedKey> keys = java.util.Arrays.stream(trusted)
        .map(pair -> new TrustedKey("release.pem", pair.getPublic())).toList();
    TrustPolicy policy = new TrustPolicy(keys, List.of(), List.of(), List.of(), null);
    return new SigstoreBundleVerifier(policy, SigstoreBundleVerifier.DEFAULT_MAX_BUNDLE)
        .verify(bundle.getBytes(StandardCharsets.UTF_8), IMAGE, "referrer");
  }

  private static byte[] sign(String algorithm, PrivateKey key, byte[] data) throws Exception {
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }

  private static String messageBundle(byte[] digest, byte[] signature, String tlogEntries) {
    return "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":"
        + "{\"hint\":\"abc\"},\"tlogEntries\":" + tlogEntries + "},\"messageSignature\":{\"messageDigest\":"
        + "{\"algorithm\":\"SHA2_256\",\"digest\":\"" + BASE64.encodeToString(digest) + "\"},\"signature\":\""
        + BASE64.encodeToString(signature) + "\"}}";
  }

  private static byte[] imageDigestBytes() {
    return HexFormat.of().parseHex(IMAGE.hex());
  }

  private static String statement(Digest subject) {
    return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\",\"digest\":{\"sha256\":\""
        + subject.hex() + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}";
  }

  private static String dsseBundle(String payload, byte[] signature) {
    return "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":"
        + "{\"hint\":\"abc\"}},\"dsseEnvelope\":{\"payloadType\":\"" + Dsse.IN_TOTO_PAYLOAD_TYPE + "\",\"payload\":\""
        + BASE64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "\",\"signatures\":[{\"sig\":\""
        + BASE64.encodeToString(signature) + "\",\"keyid\":\"\"}]}}";
  }

  @Test
  void ecMessageSignatureVerifies() throws Exception {
    KeyPair key = TestCertificates.ec("secp256r1");
    String bundle = messageBundle(imageDigestBytes(), sign("SHA256withECDSA", key.getPrivate(), MANIFEST), "[]");

    SignatureResult result = verify(bundle, key);

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.verdict().matchedRule()).contains("release.pem").contains(TrustedKey.fingerprint(key.getPublic()));
    assertThat(result.signer()).isEqualTo(TrustedKey.fingerprint(key.getPublic()));
    assertThat(result.kind()).isEqualTo(SignatureKind.SIGSTORE_BUNDLE);
  }

  @Test
  void rsaMessageSignatureVerifies() throws Exception {
    KeyPair key = TestCertificates.rsa();
    String bundle = messageBundle(imageDigestBytes(), sign("SHA256withRSA", key.getPrivate(), MANIFEST), "[]");

    assertThat(verify(bundle, key).verdict().isVerified()).isTrue();
  }

  @Test
  void wrongKeyIsBadSignature() throws Exception {
    KeyPair key = TestCertificates.ec("secp256r1");
    String bundle = messageBundle(imageDigestBytes(), sign("SHA256withECDSA", key.getPrivate(), MANIFEST), "[]");

    assertThat(verify(bundle, TestCertificates.ec("secp256r1")).verdict().reason())
        .isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void signatureOverOtherMessageIsBadSignature() throws Exception {
    KeyPair key = TestCertificates.ec("secp256r1");
    byte[] other = sign("SHA256withECDSA", key.getPrivate(), "other".getBytes(StandardCharsets.UTF_8));

    assertThat(verify(messageBundle(imageDigestBytes(), other, "[]"), key).verdict().reason())
        .isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }

  @Test
  void otherDigestIsWrongDigest() throws Exception {
    KeyPair key = TestCertificates.ec("secp256r1");
    byte[] otherDigest = new byte[32];
    String bundle = messageBundle(otherDigest, sign("SHA256withECDSA", key.getPrivate(), MANIFEST), "[]");

    assertThat(verify(bundle, key).verdict().reason()).isEqualTo(Verdict.Reason.WRONG_DIGEST);
  }

  @Test
  void noTrustedKeyIsNoTrustedKey() throws Exception {
    KeyPair key = TestCertificates.ec("secp256r1");
    String bundle = messageBundle(imageDigestBytes(), sign("SHA256withECDSA", key.getPrivate(), MANIFEST), "[]");

    assertThat(verify(bundle).verdict().reason()).isEqualTo(Verdict.Reason.NO_TRUSTED_KEY);
  }

  @Test
  void tlogEntriesAreNotedAsUnchecked() throws Exception {
    KeyPair key = TestCertificates.ec("secp256r1");
    String bundle = messageBundle(imageDigestBytes(), sign("SHA256withECDSA", key.getPrivate(), MANIFEST),
        "[{\"logIndex\":\"1\",\"integratedTime\":\"1700000000\"}]");

    SignatureResult result = verify(bundle, key);

    assertThat(result.verdict().isVerified()).isTrue();
    assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("not checked"));
  }

  @Test
  void ed25519MessageSignatureIsUnsupported() throws Exception {
    KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String bundle = messageBundle(imageDigestBytes(), sign("Ed25519", key.getPrivate(), MANIFEST), "[]");

    assertThat(verify(bundle, key).verdict().reason()).isEqualTo(Verdict.Reason.UNSUPPORTED);
  }

  @Test
  void invalidBase64SignatureIsMalformed() throws Exception {
    String bundle = messageBundle(imageDigestBytes(), new byte[0], "[]").replace("\"signature\":\"\"",
        "\"signature\":\"!!!\"");

    assertThat(verify(bundle, TestCertificates.ec("secp256r1")).verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
  }

  @Test
  void dsseSignatureVerifies() throws Exception {
    KeyPair key = TestCertificates.ec("secp256r1");
    String payload = statement(IMAGE);
    byte[] pae = Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, payload.getBytes(StandardCharsets.UTF_8));

    SignatureResult result = verify(dsseBundle(payload, sign("SHA256withECDSA", key.getPrivate(), pae)), key);

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.kind()).isEqualTo(SignatureKind.ATTESTATION);
    assertThat(result.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
  }

  @Test
  void tamperedDssePayloadIsBadSignature() throws Exception {
    KeyPair key = TestCertificates.ec("secp256r1");
    String payload = statement(IMAGE);
    byte[] pae = Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, payload.getBytes(StandardCharsets.UTF_8));
    String tampered = payload.replace("\"predicate\":{}", "\"predicate\":{\"x\":1}");

    SignatureResult result = verify(dsseBundle(tampered, sign("SHA256withECDSA", key.getPrivate(), pae)), key);

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }
}
