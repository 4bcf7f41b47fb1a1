package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import io.hullscope.image.Digest;
import io.hullscope.source.registry.RegistryClient;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.testing.Ci;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signs images in a real distribution registry ({@code docker-registry} on loopback, found through
 * {@code HULLSCOPE_REGISTRY}) with keys made here, in the cosign classic layout and as notation JWS
 * and COSE referrers, and checks that {@link SignatureFinder} finds and judges them.
 */
@Tag("registry")
class SignatureRegistryIT {

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** Fallback tag index entries per subject, for registries without the referrers API. */
  private static final Map<Digest, List<String>> FALLBACK_ENTRIES = new ConcurrentHashMap<>();

  @TempDir static Path work;

  static String host;
  static String repository;
  static OciPusher pusher;
  static KeyPair cosignKey;
  static PrivateKey notationKey;
  static X509Certificate notationCertificate;

  @BeforeAll
  static void setUp() throws Exception {
    String configured = System.getenv("HULLSCOPE_REGISTRY");
    if (!Ci.checkServiceForClass(configured != null && !configured.isBlank(),
        "docker-registry (set HULLSCOPE_REGISTRY to host:port)")) {
      return;
    }
    host = configured.strip();
    repository = "hullscope-sign/" + UUID.randomUUID().toString().substring(0, 8);
    pusher = new OciPusher(host, repository);

    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    cosignKey = ec.generateKeyPair();

    Path store = work.resolve("notation.p12");
    Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize",
        "2048", "-dname", "CN=Hullscope Test Signer", "-validity", "30", "-ext", "KU:critical=digitalSignature",
        "-ext", "EKU=codeSigning", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as(output).isTrue();
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, "changeit".toCharArray());
    }
    notationKey = (PrivateKey) keyStore.getKey("signer", "changeit".toCharArray());
    notationCertificate = (X509Certificate) keyStore.getCertificate("signer");
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(host != null, "docker-registry (set HULLSCOPE_REGISTRY)");
  }

  @Test
  void cosignAndNotationSignaturesVerify() throws Exception {
    Digest image = pusher.image("signed");
    pusher.cosignSignature(image, pusher.simpleSigningPayload(image), cosignKey, false);
    pushNotationSignature(image, image, false);

    List<SignatureResult> results = finder(trusting(cosignKey)).find(repository, image);

    assertThat(results).extracting(SignatureResult::kind)
        .containsExactlyInAnyOrder(SignatureKind.COSIGN_SIMPLE_SIGNING, SignatureKind.NOTATION_JWS);
    for (SignatureResult result : results) {
      assertThat(result.verdict().isVerified()).as(result.kind() + ": " + result.verdict().detail()).isTrue();
    }
  }

  @Test
  void unsignedImageHasNoSignatures() throws Exception {
    Digest image = pusher.image("unsigned");

    assertThat(finder(trusting(cosignKey)).find(repository, image)).isEmpty();
  }

  @Test
  void tamperedPayloadIsBadSignature() throws Exception {
    Digest image = pusher.image("tampered");
    pusher.cosignSignature(image, pusher.simpleSigningPayload(image), cosignKey, true);

    List<SignatureResult> results = finder(trusting(cosignKey)).find(repository, image);

    assertThat(results).singleElement().satisfies(result ->
        assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE));
  }

  @Test
  void wrongKeyIsBadSignature() throws Exception {
    Digest image = pusher.image("wrong-key");
    pusher.cosignSignature(image, pusher.simpleSigningPayload(image), cosignKey, false);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));

    List<SignatureResult> results = finder(trusting(ec.generateKeyPair())).find(repository, image);

    assertThat(results).singleElement().satisfies(result ->
        assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE));
  }

  @Test
  void signatureForOtherDigestIsWrongDigest() throws Exception {
    Digest signed = pusher.image("original");
    Digest copied = pusher.image("copy");
    // The signatures of the first image, attached to the second one.
    pusher.cosignSignature(copied, pusher.simpleSigningPayload(signed), cosignKey, false);
    pushNotationSignature(copied, signed, false);

    List<SignatureResult> results = finder(trusting(cosignKey)).find(repository, copied);

    assertThat(results).hasSize(2);
    for (SignatureResult result : results) {
      assertThat(result.verdict().reason()).as(result.kind().toString()).isEqualTo(Verdict.Reason.WRONG_DIGEST);
    }
  }

  @Test
  void notationCoseSignatureVerifies() throws Exception {
    Digest image = pusher.image("cose");
    KeyPair caKey = TestCertificates.ec("secp256r1");
    X509Certificate ca = TestCertificates.ca("CN=Hullscope COSE Test Root", caKey);
    KeyPair signerKey = TestCertificates.ec("secp256r1");
    Instant now = Instant.now();
    X509Certificate leaf = TestCertificates.leaf("CN=Hullscope COSE Signer", signerKey, ca, caKey.getPrivate(),
        now.minusSeconds(3600), now.plusSeconds(86400));
    byte[] envelope = new CoseEnvelopes.Builder(-7, signerKey.getPrivate(), List.of(leaf), image.toString()).build();
    pushNotationEnvelope(image, envelope, NotationVerifier.COSE_MEDIA_TYPE);
    pushNotationSignature(image, image, false);
    TrustPolicy policy = new TrustPolicy(List.of(), List.of(ca, notationCertificate), List.of(), List.of(), null);

    List<SignatureResult> results = finder(policy).find(repository, image);

    assertThat(results).extracting(SignatureResult::kind)
        .containsExactlyInAnyOrder(SignatureKind.NOTATION_COSE, SignatureKind.NOTATION_JWS);
    for (SignatureResult result : results) {
      assertThat(result.verdict().isVerified()).as(result.kind() + ": " + result.verdict().detail()).isTrue();
    }
  }

  @Test
  void notationTamperedPayloadIsBadSignature() throws Exception {
    Digest image = pusher.image("notation-tampered");
    pushNotationSignature(image, image, true);

    List<SignatureResult> results = finder(trusting(cosignKey)).find(repository, image);

    assertThat(results).singleElement().satisfies(result ->
        assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE));
  }

  @Test
  void notationUntrustedCertificateIsUntrustedChain() throws Exception {
    Digest image = pusher.image("notation-untrusted");
    pushNotationSignature(image, image, false);
    X509Certificate other = TestCertificates.ca("CN=Other Root", TestCertificates.ec("secp256r1"));
    TrustPolicy policy = new TrustPolicy(List.of(), List.of(other), List.of(), List.of(), null);

    List<SignatureResult> results = finder(policy).find(repository, image);

    assertThat(results).singleElement().satisfies(result ->
        assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.UNTRUSTED_CHAIN));
  }

  private static SignatureFinder finder(TrustPolicy policy) throws Exception {
    RegistryClient client = RegistryClient.create(host,
        RegistryOptions.DEFAULT.withHost(host, RegistryHostSettings.DEFAULT.withInsecure(true)));
    return new SignatureFinder(client, policy, SignatureFinder.DEFAULT_MAX_LAYERS, SignatureFinder.DEFAULT_MAX_REFERRERS,
        Clock.systemUTC());
  }

  private static TrustPolicy trusting(KeyPair key) {
    return new TrustPolicy(List.of(new TrustedKey("test key", key.getPublic())), List.of(notationCertificate), List.of(),
        List.of(), null);
  }

  /**
   * Writes a notation JWS signature for {@code signedDigest} as a referrer of {@code subject}; with
   * {@code tamper}, the stored payload differs from the signed one but names the same digest.
   */
  private static void pushNotationSignature(Digest subject, Digest signedDigest, boolean tamper) throws Exception {
    String signingTime = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.PS256)
        .contentType(NotationVerifier.PAYLOAD_TYPE)
        .criticalParams(Set.of(NotationVerifier.SIGNING_SCHEME))
        .customParam(NotationVerifier.SIGNING_SCHEME, "notary.x509")
        .customParam(NotationVerifier.SIGNING_TIME, signingTime)
        .build();

    String payload = "{\"targetArtifact\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + signedDigest
        + "\",\"size\":1}}";
    JWSObject jws = new JWSObject(header, new Payload(payload));
    jws.sign(new RSASSASigner(notationKey));
    String[] parts = jws.serialize().split("\\.");
    String storedPayload = tamper
        ? Base64.getUrlEncoder().withoutPadding().encodeToString((payload + " ").getBytes(StandardCharsets.UTF_8))
        : parts[1];
    String envelope = "{\"payload\":\"" + storedPayload + "\",\"protected\":\"" + parts[0] + "\",\"header\":{\"x5c\":[\""
        + Base64.getEncoder().encodeToString(notationCertificate.getEncoded()) + "\"]},\"signature\":\"" + parts[2] + "\"}";
    pushNotationEnvelope(subject, envelope.getBytes(StandardCharsets.UTF_8), NotationVerifier.JWS_MEDIA_TYPE);
  }

  /**
   * Writes a notation envelope as a referrer of {@code subject}, and the fallback tag index when the
   * registry has no referrers API (distribution 2.8 has none). The index keeps every signature
   * pushed for the subject, as notation's own fallback does.
   */
  private static void pushNotationEnvelope(Digest subject, byte[] envelopeBytes, String mediaType) throws Exception {
    Digest envelopeDigest = pusher.blob(envelopeBytes);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    Digest emptyDigest = pusher.blob(empty);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\""
        + NotationVerifier.ARTIFACT_TYPE + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
        + "\"digest\":\"" + emptyDigest + "\",\"size\":2},\"layers\":[{\"mediaType\":\"" + mediaType
        + "\",\"digest\":\"" + envelopeDigest + "\",\"size\":" + envelopeBytes.length + "}],\"subject\":{\"mediaType\":\""
        + OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":1}}";

    Digest signature = Digest.sha256Of(manifest.getBytes(StandardCharsets.UTF_8));
    pusher.manifest(signature.toString(), OCI_MANIFEST, manifest);
    if (!pusher.hasReferrersApi(subject)) {
      List<String> entries = FALLBACK_ENTRIES.computeIfAbsent(subject, key -> new ArrayList<>());
      entries.add("{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + signature + "\",\"size\":"
          + manifest.getBytes(StandardCharsets.UTF_8).length + ",\"artifactType\":\"" + NotationVerifier.ARTIFACT_TYPE
          + "\"}");
      String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
          + String.join(",", entries) + "]}";
      pusher.manifest(subject.algorithm() + "-" + subject.hex(), OCI_INDEX, index);
    }
  }
}
