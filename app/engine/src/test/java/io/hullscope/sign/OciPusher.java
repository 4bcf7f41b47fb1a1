package io.hullscope.sign;

import io.hullscope.image.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Pushes blobs and manifests to a plain-HTTP registry on loopback with the OCI distribution API. */
final class OciPusher {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String host;
  private final String repository;

  OciPusher(String host, String repository) {
    this.host = host;
    this.repository = repository;
  }

  /** Uploads a blob in one request (POST then PUT with the digest) and returns its digest. */
  Digest blob(byte[] bytes) throws IOException, InterruptedException {
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
  Digest manifest(String reference, String mediaType, String json) throws IOException, InterruptedException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    check(put, 201, "put manifest " + reference);
    return Digest.sha256Of(bytes);
  }

  /** Returns true when the registry serves the OCI referrers API. */
  boolean hasReferrersApi(Digest subject) throws IOException, InterruptedException {
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
