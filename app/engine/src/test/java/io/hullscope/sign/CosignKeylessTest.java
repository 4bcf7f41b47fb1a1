package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classic cosign keyless signatures with a certificate authority, signing certificate (SAN and
 * Fulcio's OIDC issuer extension) and Rekor key made here with keytool and JDK crypto, because no
 * public fixture of this layout exists.
 */
class CosignKeylessTest {

  private static final String IDENTITY = "dev@example.com";
  private static final String ISSUER = "https://issuer.example";
  private static final Digest IMAGE = Digest.sha256("ef".repeat(32));

  @TempDir static Path work;

  static X509Certificate ca;
  static X509Certificate otherCa;
  static X509Certificate leaf;
  static PrivateKey leafKey;
  static KeyPair rekor;
  static Path trustedRoot;

  @BeforeAll
  static void createAuthority() throws Exception {
    Path store = work.resolve("keys.p12");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test Fulcio",
        "-ext", "bc:c", "-validity", "30", "-keystore", store.toString());
    keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test Fulcio",
        "-ext", "bc:c", "-validity", "30", "-keystore", store.toString());
    keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=sigstore",
        "-keystore", store.toString());
    Path request = work.resolve("leaf.csr");
    Path signed = work.resolve("leaf.pem");
    keytool("-certreq", "-alias", "leaf", "-keystore", store.toString(), "-file", request.toString());
    String issuerDer = "0c" + String.format("%02x", ISSUER.length())
        + HexFormat.of().formatHex(ISSUER.getBytes(StandardCharsets.US_ASCII));
    keytool("-gencert", "-alias", "ca", "-keystore", store.toString(), "-infile", request.toString(), "-outfile",
        signed.toString(), "-rfc", "-validity", "1", "-ext", "SAN=email:" + IDENTITY,
        "-ext", Certificates.OIDC_ISSUER_V2 + "=" + issuerDer);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    ca = (X509Certificate) keys.getCertificate("ca");
    otherCa = (X509Certificate) keys.getCertificate("other");
    leafKey = (PrivateKey) keys.getKey("leaf", "changeit".toCharArray());
    leaf = PemFiles.certificates(Files.readAllBytes(signed)).get(0);

    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    rekor = generator.generateKeyPair();
    trustedRoot = Files.writeString(work.resolve("trusted_root.json"), "{\"tlogs\":[{\"publicKey\":{\"rawBytes\":\""
        + Base64.getEncoder().encodeToString(rekor.getPublic().getEncoded()) + "\"}}],\"certificateAuthorities\":"
        + "[{\"certChain\":{\"certificates\":[{\"rawBytes\":\"" + Base64.getEncoder().encodeToString(ca.getEncoded())
        + "\"}]}}]}");
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("keytool"));
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", "changeit"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
  }

  private static byte[] payload() {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example/app\"},\"image\":"
        + "{\"docker-manifest-digest\":\"" + IMAGE + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":null}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sign(PrivateKey key, byte[] data) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }

  /** Returns the annotations of a keyless signature layer, with a Rekor SET at {@code integrated} when not null. */
  private static Map<String, String> annotations(byte[] signature, Instant integrated) throws Exception {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(CosignVerifier.SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(signature));
    annotations.put(CosignVerifier.CERTIFICATE_ANNOTATION, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder().encodeToString(leaf.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    if (integrated != null) {
      String body = Base64.getEncoder().encodeToString(("{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":"
          + "{\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"" + LogEntries.sha256Hex(payload()) + "\"}},"
          + "\"signature\":{\"content\":\"" + Base64.getEncoder().encodeToString(signature) + "\"}}}")
          .getBytes(StandardCharsets.UTF_8));
      RekorSet unsigned = new RekorSet(new byte[0], body, integrated.getEpochSecond(), 7, "ab12");
      String set = Base64.getEncoder().encodeToString(sign(rekor.getPrivate(), unsigned.canonicalPayload()));
      annotations.put(CosignVerifier.BUNDLE_ANNOTATION, "{\"SignedEntryTimestamp\":\"" + set + "\",\"Payload\":"
          + "{\"body\":\"" + body + "\",\"integratedTime\":" + integrated.getEpochSecond() + ",\"logIndex\":7,"
          + "\"logID\":\"ab12\"}}");
    }
    return annotations;
  }

  private static SignatureResult verify(Map<String, String> annotations, IdentityRule... rules) throws Exception {
    TrustPolicy policy = new TrustPolicy(List.of(), List.of(), List.of(rules), List.of(), trustedRoot);
    return new CosignVerifier(policy, SigstoreTrustedRoot.read(trustedRoot), CosignVerifier.DEFAULT_MAX_PAYLOAD)
        .verify(payload(), annotations, IMAGE, "sig");
  }

  @Test
  void keylessSignatureVerifies() throws Exception {
    SignatureResult result = verify(annotations(sign(leafKey, payload()), Instant.now()),
        new IdentityRule(IDENTITY, ISSUER, false));

    assertThat(result.verdict().isVerified()).as(result.verdict().detail()).isTrue();
    assertThat(result.signer()).isEqualTo(IDENTITY + " (" + ISSUER + ")");
    assertThat(result.notes()).anyMatch(note -> note.startsWith("Rekor SET verified"));
  }

  @Test
  void otherIdentityIsMismatch() throws Exception {
    SignatureResult result = verify(annotations(sign(leafKey, payload()), Instant.now()),
        new IdentityRule("someone@example.com", ISSUER, false));

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.IDENTITY_MISMATCH);
  }

  @Test
  void otherIssuerIsMismatch() throws Exception {
    SignatureResult result = verify(annotations(sign(leafKey, payload()), Instant.now()),
        new IdentityRule(IDENTITY, "https://other.example", false));

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.IDENTITY_MISMATCH);
  }

  @Test
  void withoutRekorEntryIsExpired() throws Exception {
    SignatureResult result = verify(annotations(sign(leafKey, payload()), null), new IdentityRule(IDENTITY, ISSUER, false));

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.EXPIRED);
  }

  @Test
  void logTimeOutsideCertificateIsExpired() throws Exception {
    Instant later = leaf.getNotAfter().toInstant().plusSeconds(3600);
    SignatureResult result = verify(annotations(sign(leafKey, payload()), later), new IdentityRule(IDENTITY, ISSUER, false));

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.EXPIRED);
  }

  @Test
  void otherAuthorityIsUntrusted() throws Exception {
    TrustPolicy policy = new TrustPolicy(List.of(), List.of(), List.of(new IdentityRule(IDENTITY, ISSUER, false)),
        List.of(), trustedRoot);
    SigstoreTrustedRoot otherRoot = new SigstoreTrustedRoot(List.of(otherCa), List.of(), List.of(rekor.getPublic()));

    SignatureResult result = new CosignVerifier(policy, otherRoot, CosignVerifier.DEFAULT_MAX_PAYLOAD)
        .verify(payload(), annotations(sign(leafKey, payload()), Instant.now()), IMAGE, "sig");

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.UNTRUSTED_CHAIN);
  }

  @Test
  void rekorEntryForOtherSignatureIsBadSignature() throws Exception {
    Map<String, String> logged = annotations(sign(leafKey, payload()), Instant.now());
    Map<String, String> annotations = annotations(sign(leafKey, payload()), Instant.now());
    // ECDSA signatures are randomised, so the two differ while both verify.
    annotations.put(CosignVerifier.BUNDLE_ANNOTATION, logged.get(CosignVerifier.BUNDLE_ANNOTATION));

    SignatureResult result = verify(annotations, new IdentityRule(IDENTITY, ISSUER, false));

    assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE);
  }
}
