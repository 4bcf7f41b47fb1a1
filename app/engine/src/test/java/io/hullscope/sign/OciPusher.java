package io.hullscope.sign;

import io.hullscope.image.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;

/** Pushes blobs and manifests to a plain-HTTP registry on loopback with the OCI distribution API. */
public final class OciPusher {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String host;
  private final String repository;

  public OciPusher(String host, String repository) {
    this.host = host;
    this.repository = repository;
  }

  /** Uploads a blob in one request (POST then PUT with the digest) and returns its digest. */
  public Digest blob(byte[] bytes) throws IOException, InterruptedException {
    Digest digest = Digest.sha256Of(bytes);
    HttpResponse<String> start = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    check(start, 202, "start the upload of " + digest);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = URI.create(location.startsWith("http") ? location : "http://" + host + location);
    String separator = upload.getQuery() == null ? "?" : "&";
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    check(put, 201, "finish the upload of " + digest);
    return digest;
  }

  /** Puts a manifest under a tag or its digest and returns its digest. */
  public Digest manifest(String reference, String mediaType, String json) throws IOException, InterruptedException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    check(put, 201, "put manifest " + reference);
    return Digest.sha256Of(bytes);
  }

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** Pushes a one-layer image whose content differs by {@code name}, tagged {@code name}, and returns its digest. */
  public Digest image(String name) throws IOException, InterruptedException {
    byte[] layer = ("layer of " + name + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    Digest layerDigest = blob(layer);
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
    Digest configDigest = blob(config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
        + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layer.length + "}]}";
    return manifest(name, OCI_MANIFEST, manifest);
  }

  /** Returns a cosign simple-signing payload for {@code digest}. */
  public String simpleSigningPayload(Digest digest) {
    return "{\"critical\":{\"identity\":{\"docker-reference\":\"" + host + "/" + repository + "\"},\"image\":"
        + "{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":null}";
  }

  /**
   * Writes the cosign classic layout for {@code image}: tag sha256-HEX.sig with one layer holding
   * {@code payload} and its ECDSA signature, or a payload changed after signing when {@code tamper}.
   */
  public void cosignSignature(Digest image, String payload, KeyPair key, boolean tamper) throws Exception {
    byte[] signed = payload.getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate());
    signer.update(signed);
    String signature = Base64.getEncoder().encodeToString(signer.sign());
    byte[] stored = tamper ? payload.replace("\"optional\":null", "\"optional\":{\"added\":\"after signing\"}")
        .getBytes(StandardCharsets.UTF_8) : signed;
    Digest payloadDigest = blob(stored);
    Digest configDigest = blob("{}".getBytes(StandardCharsets.UTF_8));
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":2},"
        + "\"layers\":[{\"mediaType\":\"" + CosignVerifier.SIMPLE_SIGNING_TYPE + "\",\"digest\":\"" + payloadDigest
        + "\",\"size\":" + stored.length + ",\"annotations\":{\"" + CosignVerifier.SIGNATURE_ANNOTATION + "\":\""
        + signature + "\"}}]}";
    manifest(image.algorithm() + "-" + image.hex() + ".sig", OCI_MANIFEST, manifest);
  }

  /** Returns true when the registry serves the OCI referrers API. */
  public boolean hasReferrersApi(Digest subject) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/referrers/" + subject))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200;
  }

  private URI uri(String path) {
    return URI.create("http://" + host + path);
  }

  private static void check(HttpResponse<String> response, int expected, String operation) {
    if (response.statusCode() != expected) {
      throw new AssertionError("registry failed to " + operation + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }
}
