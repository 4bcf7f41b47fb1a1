package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.source.harbor.HarborClient;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.source.harbor.HarborStub.Answer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Harbor accessories verified through the registry endpoint of a stub that serves both APIs. */
class HarborSignaturesTest {

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String REPOSITORY = "shop/app";
  private static final byte[] IMAGE_MANIFEST = "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
  private static final Digest IMAGE = Digest.sha256Of(IMAGE_MANIFEST);

  private HarborStub stub;
  private KeyPair key;
  private final StringBuilder accessories = new StringBuilder();

  @BeforeEach
  void startStub() throws Exception {
    stub = new HarborStub();
    key = TestCertificates.ec("secp256r1");
  }

  @AfterEach
  void stopStub() {
    if (stub != null) {
      stub.close();
    }
  }

  private Digest blob(String content) {
    Digest digest = Digest.sha256Of(content.getBytes(StandardCharsets.UTF_8));
    stub.on("GET", "/v2/" + REPOSITORY + "/blobs/" + digest, Answer.json(200, content));
    return digest;
  }

  private Digest manifest(String content) {
    Digest digest = Digest.sha256Of(content.getBytes(StandardCharsets.UTF_8));
    stub.on("GET", "/v2/" + REPOSITORY + "/manifests/" + digest, request -> Answer.json(200, content)
        .withHeader("Content-Type", OCI_MANIFEST).withHeader("Docker-Content-Digest", digest.toString()));
    return digest;
  }

  private void accessory(String type, Digest digest) {
    accessories.append(accessories.isEmpty() ? "" : ",").append("{\"id\":").append(accessories.length() + 1)
        .append(",\"artifact_id\":2,\"subject_artifact_id\":1,\"digest\":\"").append(digest)
        .append("\",\"type\":\"").append(type).append("\",\"size\":100}");
  }

  private String sign(byte[] data) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate());
    signer.update(data);
    return Base64.getEncoder().encodeToString(signer.sign());
  }

  private Digest cosignSignature(Digest signed) throws Exception {
    String payload = "{\"critical\":{\"identity\":{\"docker-reference\":\"harbor.example/" + REPOSITORY + "\"},"
        + "\"image\":{\"docker-manifest-digest\":\"" + signed + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":null}";
    Digest payloadDigest = blob(payload);
    Digest config = blob("{}");
    return manifest("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":2},\"layers\":[{"
        + "\"mediaType\":\"" + CosignVerifier.SIMPLE_SIGNING_TYPE + "\",\"digest\":\"" + payloadDigest + "\",\"size\":"
        + payload.length() + ",\"annotations\":{\"" + CosignVerifier.SIGNATURE_ANNOTATION + "\":\""
        + sign(payload.getBytes(StandardCharsets.UTF_8)) + "\"}}]}");
  }

  private Digest keyBundleReferrer() throws Exception {
    String bundle = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":"
        + "{\"publicKey\":{\"hint\":\"k\"}},\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\","
        + "\"digest\":\"" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(IMAGE.hex())) + "\"},"
        + "\"signature\":\"" + sign(IMAGE_MANIFEST) + "\"}}";
    Digest bundleDigest = blob(bundle);
    Digest empty = blob("{}");
    return manifest("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":"
        + "\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + empty + "\",\"size\":2},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"digest\":\"" + bundleDigest + "\",\"size\":"
        + bundle.length() + "}],\"subject\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + IMAGE
        + "\",\"size\":" + IMAGE_MANIFEST.length + "}}");
  }

  private List<SignatureResult> find(TrustPolicy policy) throws Exception {
    stub.on("GET", "/api/v2.0/projects/shop/repositories/app/artifacts/" + IMAGE + "/accessories",
        Answer.json(200, "[" + accessories + "]"));
    stub.on("GET", "/v2/", Answer.json(200, "{}"));
    HarborClient harbor = new HarborClient(new HarborConnection(stub.url(), null, null, null, true, null));
    return HarborSignatures.find(harbor, REPOSITORY, IMAGE, policy);
  }

  private TrustPolicy trusting(KeyPair trusted) {
    return new TrustPolicy(List.of(new TrustedKey("harbor.pem", trusted.getPublic())), List.of(), List.of(), List.of(),
        null);
  }

  @Test
  void signatureAccessoriesVerify() throws Exception {
    accessory("signature.cosign", cosignSignature(IMAGE));
    accessory("subject.accessory", keyBundleReferrer());
    accessory("sbom.harbor", Digest.sha256("ee".repeat(32)));

    List<SignatureResult> results = find(trusting(key));

    assertThat(results).extracting(SignatureResult::kind)
        .containsExactly(SignatureKind.COSIGN_SIMPLE_SIGNING, SignatureKind.SIGSTORE_BUNDLE);
    for (SignatureResult result : results) {
      assertThat(result.verdict().isVerified()).as(result.location() + ": " + result.verdict().detail()).isTrue();
      assertThat(result.verdict().matchedRule()).contains("harbor.pem");
      assertThat(result.location()).startsWith("Harbor accessory");
    }
  }

  @Test
  void untrustedKeyIsBadSignature() throws Exception {
    accessory("signature.cosign", cosignSignature(IMAGE));

    List<SignatureResult> results = find(trusting(TestCertificates.ec("secp256r1")));

    assertThat(results).singleElement().satisfies(result ->
        assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.BAD_SIGNATURE));
  }

  @Test
  void signatureOfOtherArtifactIsWrongDigest() throws Exception {
    accessory("signature.cosign", cosignSignature(Digest.sha256("12".repeat(32))));

    List<SignatureResult> results = find(trusting(key));

    assertThat(results).singleElement().satisfies(result ->
        assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.WRONG_DIGEST));
  }

  @Test
  void missingAccessoryManifestIsMalformedOthersStillVerify() throws Exception {
    accessory("signature.notation", Digest.sha256("34".repeat(32)));
    accessory("signature.cosign", Digest.sha256("56".repeat(32)));
    accessory("subject.accessory", keyBundleReferrer());

    List<SignatureResult> results = find(trusting(key));

    assertThat(results).hasSize(3);
    assertThat(results.get(0).verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
    assertThat(results.get(1).verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
    assertThat(results.get(2).verdict().isVerified()).isTrue();
  }

  @Test
  void invalidAccessoryDigestIsMalformed() throws Exception {
    accessories.append("{\"id\":1,\"artifact_id\":2,\"digest\":\"sha256:zz\",\"type\":\"signature.cosign\",\"size\":1}");

    List<SignatureResult> results = find(trusting(key));

    assertThat(results).singleElement().satisfies(result -> {
      assertThat(result.verdict().reason()).isEqualTo(Verdict.Reason.MALFORMED);
      assertThat(result.verdict().detail()).contains("sha256:zz");
    });
  }
}
