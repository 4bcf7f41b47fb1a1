package io.hullscope.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Descriptor;
import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.LimitExceededException;
import io.hullscope.image.Limits;
import io.hullscope.image.ManifestParser;
import io.hullscope.image.MediaType;
import io.hullscope.image.MetadataBytes;
import io.hullscope.image.OciIndex;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one registry's OCI distribution API
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md): manifests, blobs, tag
 * and catalog listings and referrers, read-only. Thread-safe; tokens are shared by all callers.
 *
 * <p>Every manifest is checked against the requested digest or the registry's
 * {@code Docker-Content-Digest}, every blob stream against its descriptor, and every response body
 * is bounded by {@link Limits#maxMetadataSize()} except blob streams.
 */
public final class RegistryClient {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);

  /** Media types a manifest request accepts, newest first. */
  static final List<String> MANIFEST_TYPES = List.of(
      MediaType.OCI_INDEX, MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST_LIST, MediaType.DOCKER_MANIFEST,
      MediaType.DOCKER_MANIFEST_V1_SIGNED, MediaType.DOCKER_MANIFEST_V1);

  /** Entries requested per page of a listing; registries cap this differently, 100 is accepted by all we know. */
  static final int PAGE_SIZE = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryHttp http;
  private final Limits limits;
  private final int maxListEntries;

  private RegistryClient(RegistryHttp http, RegistryOptions options) {
    this.http = http;
    this.limits = options.limits();
    this.maxListEntries = options.maxListEntries();
  }

  /**
   * Creates a client for {@code registry} as written in references ({@code docker.io} reaches
   * {@code registry-1.docker.io}). No request is sent yet.
   */
  public static RegistryClient create(String registry, RegistryOptions options) throws RegistryException {
    String apiHost = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    return new RegistryClient(RegistryHttp.create(registry, apiHost, options), options);
  }

  public String registry() {
    return http.registry();
  }

  /** Checks that the registry responds to {@code GET /v2/}, authenticating when it requires that. */
  public void ping() throws IOException {
    HttpResponse<InputStream> response = http.send(request("GET", "v2/", List.of(), null, "check the API version"));
    RegistryHttp.discard(response);
  }

  /**
   * Fetches a manifest or index by tag or digest and checks its digest.
   *
   * @throws DigestMismatchException when the bytes do not match the requested digest or the
   *     registry's {@code Docker-Content-Digest}
   * @throws LimitExceededException when the manifest is larger than {@link Limits#maxMetadataSize()}
   */
  public RegistryManifest fetchManifest(String repository, String reference) throws IOException {
    String entry = "manifest " + reference;
    String image = registry() + "/" + repository;
    HttpResponse<InputStream> response = http.send(request("GET", manifestPath(repository, reference), MANIFEST_TYPES,
        pullScope(repository), "fetch manifest '" + reference + "' of " + repository));
    byte[] bytes = readBounded(response, image, entry);
    String contentType = response.headers().firstValue("Content-Type").map(RegistryClient::bareType).orElse(null);

    Digest expected = referenceDigest(reference);
    if (expected == null) {
      expected = headerDigest(response).orElse(null);
    }
    if (expected == null) {
      return new RegistryManifest(contentType, bytes, Digest.sha256Of(bytes));
    }
    if (!Schema1Manifest.matchesDigest(bytes, expected)) {
      byte[] computed = expected.newMessageDigest().digest(bytes);
      throw new DigestMismatchException(image, null, entry, expected,
          new Digest(expected.algorithm(), java.util.HexFormat.of().formatHex(computed)));
    }
    return new RegistryManifest(contentType, bytes, expected);
  }

  /**
   * Returns the digest of a manifest from a {@code HEAD} request, without reading the manifest.
   * Falls back to fetching it when the registry sends no {@code Docker-Content-Digest}.
   */
  public Digest resolveDigest(String repository, String reference) throws IOException {
    Digest fromReference = referenceDigest(reference);
    if (fromReference != null) {
      return fromReference;
    }
    HttpResponse<InputStream> response = http.send(request("HEAD", manifestPath(repository, reference), MANIFEST_TYPES,
        pullScope(repository), "look up manifest " + reference + " of " + repository));
    RegistryHttp.discard(response);
    Optional<Digest> digest = headerDigest(response);
    return digest.isPresent() ? digest.get() : fetchManifest(repository, reference).digest();
  }

  /**
   * Opens a blob stream that fails at its end when the size or digest is wrong, following
   * redirects to storage hosts.
   *
   * @param size the size from the descriptor, or -1 when unknown
   * @param image, layer how errors name the image and the layer (layer may be null)
   */
  public InputStream openBlob(String repository, Digest digest, long size, String image, String layer) throws IOException {
    HttpResponse<InputStream> response = http.send(request("GET", "v2/" + repository + "/blobs/" + digest, List.of(),
        pullScope(repository), "download blob " + digest.shortHex() + " of " + repository));
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    if (size >= 0 && length.isPresent() && length.getAsLong() != size) {
      RegistryHttp.discard(response);
      throw new ImageReadException(image, layer, "blob " + digest, "the registry announces " + length.getAsLong()
          + " bytes but the manifest gives " + size);
    }
    return new VerifiedBlobStream(response.body(), digest, size, image, layer, "blob " + digest);
  }

  /** Reads a small blob, such as an image config, bounded by {@link Limits#maxMetadataSize()} and checked. */
  public byte[] fetchBlob(String repository, Descriptor descriptor, String image) throws IOException {
    String entry = "blob " + descriptor.digest();
    MetadataBytes.checkSize(descriptor.size(), limits, image, entry);
    try (InputStream in = openBlob(repository, descriptor.digest(), descriptor.size(), image, null)) {
      byte[] bytes = MetadataBytes.read(in, limits, image, entry);
      // Reaching the end runs the size and digest checks of the stream.
      in.read();
      return bytes;
    }
  }

  /** Lists the tags of a repository across all pages, at most {@link RegistryOptions#maxListEntries()}. */
  public List<String> listTags(String repository) throws IOException {
    return listPaged("v2/" + repository + "/tags/list", "tags", pullScope(repository), "list the tags of " + repository);
  }

  /**
   * Lists the repositories of the registry across all pages. Many registries reject this (Docker
   * Hub, registries with per-repository permissions), and then this method throws a
   * {@link RegistryAuthException} or {@link RegistryNotFoundException}.
   */
  public List<String> listRepositories() throws IOException {
    return listPaged("v2/_catalog", "repositories", "registry:catalog:*", "list the repositories (catalog)");
  }

  /**
   * Lists the manifests that refer to {@code subject}, through the referrers API and, when that
   * returns 404, through the {@code sha256-<hex>} tag of the fallback tag schema.
   *
   * @param artifactType keep only referrers of this artifact type; null for all
   */
  public List<Descriptor> listReferrers(String repository, Digest subject, String artifactType) throws IOException {
    String image = registry() + "/" + repository + "@" + subject;
    List<Descriptor> found;
    try {
      found = referrersFromApi(repository, subject, artifactType, image);
    } catch (RegistryNotFoundException e) {
      LOG.debug("Registry {} has no referrers API for {} ({}); reading the fallback tag", registry(), image, e.getMessage());
      found = referrersFromTag(repository, subject, image);
    }
    List<Descriptor> filtered = new ArrayList<>();
    for (Descriptor descriptor : found) {
      if (artifactType == null || artifactType.equals(descriptor.artifactType())) {
        filtered.add(descriptor);
      }
    }
    return filtered;
  }

  private List<Descriptor> referrersFromApi(String repository, Digest subject, String artifactType, String image)
      throws IOException {
    String path = "v2/" + repository + "/referrers/" + subject
        + (artifactType == null ? "" : "?artifactType=" + java.net.URLEncoder.encode(artifactType, java.nio.charset.StandardCharsets.UTF_8));
    List<Descriptor> all = new ArrayList<>();
    URI uri = http.uri(path);
    int pages = 0;
    while (uri != null) {
      HttpResponse<InputStream> response = http.send(new RegistryHttp.Request("GET", uri, List.of(MediaType.OCI_INDEX),
          pullScope(repository), "list the referrers of " + subject.shortHex() + " in " + repository));
      byte[] bytes = readBounded(response, image, "referrers");
      OciIndex index = ManifestParser.parseIndex(bytes, image, "referrers of " + subject);
      all.addAll(index.manifests());
      checkListSize(all.size(), "referrers of " + image);
      uri = nextPage(response, uri, ++pages);
    }
    return all;
  }

  private List<Descriptor> referrersFromTag(String repository, Digest subject, String image) throws IOException {
    String tag = subject.algorithm() + "-" + subject.hex();
    RegistryManifest manifest;
    try {
      manifest = fetchManifest(repository, tag);
    } catch (RegistryNotFoundException e) {
      return List.of();
    }
    return ManifestParser.parseIndex(manifest.bytes(), image, "referrers tag " + tag).manifests();
  }

  private List<String> listPaged(String path, String field, String scope, String operation) throws IOException {
    Set<String> all = new LinkedHashSet<>();
    URI uri = http.uri(ListPages.firstOrLast(path, PAGE_SIZE, null));
    int pages = 0;
    while (uri != null) {
      HttpResponse<InputStream> response = http.send(new RegistryHttp.Request("GET", uri, List.of("application/json"), scope, operation));
      byte[] bytes = readBounded(response, registry(), operation);
      List<String> page = stringArray(bytes, field, operation);
      int before = all.size();
      all.addAll(page);
      checkListSize(all.size(), operation);
      URI next = nextPage(response, uri, ++pages);
      if (next == null && page.size() >= PAGE_SIZE && all.size() > before) {
        // No Link header but a full page: ask for the entries after the last one.
        next = http.uri(ListPages.firstOrLast(path, PAGE_SIZE, page.get(page.size() - 1)));
      }
      uri = next;
    }
    return new ArrayList<>(all);
  }

  private URI nextPage(HttpResponse<?> response, URI current, int pages) throws RegistryException {
    String link = ListPages.nextLink(response.headers().allValues("Link"));
    if (link == null) {
      return null;
    }
    URI next;
    try {
      next = current.resolve(link);
    } catch (IllegalArgumentException e) {
      throw new RegistryException("registry " + registry() + " sent an invalid next-page link", response.statusCode(), e);
    }
    if (!ListPages.sameOrigin(current, next)) {
      throw new RegistryException("registry " + registry() + " sent a next-page link to another host ("
          + RegistryHttp.redact(next.toString()) + "); it is not followed", response.statusCode());
    }
    // Each page contains at least one entry, so more pages than entries means a loop.
    if (pages > maxListEntries) {
      throw new RegistryException("registry " + registry() + " sent more than " + maxListEntries + " pages", response.statusCode());
    }
    return next;
  }

  private void checkListSize(int size, String what) throws RegistryException {
    if (size > maxListEntries) {
      throw new RegistryException("registry " + registry() + " lists more than " + maxListEntries + " entries for "
          + what + "; raise the list limit to see them all", 200);
    }
  }

  private List<String> stringArray(byte[] bytes, String field, String operation) throws RegistryException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new RegistryException("failed to " + operation + " on registry " + registry() + ": the response is not valid JSON ("
          + e.getMessage() + ")", 200, e);
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException("failed to " + operation + " on registry " + registry() + ": the response is not a JSON object", 200);
    }
    JsonNode array = root.get(field);
    List<String> values = new ArrayList<>();
    if (array == null || array.isNull()) {
      return values;
    }
    if (!array.isArray()) {
      throw new RegistryException("failed to " + operation + " on registry " + registry() + ": '" + field
          + "' in the response is not an array", 200);
    }
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        throw new RegistryException("failed to " + operation + " on registry " + registry() + ": '" + field
            + "' in the response contains an entry that is not a string", 200);
      }
      values.add(item.asText());
    }
    return values;
  }

  private byte[] readBounded(HttpResponse<InputStream> response, String image, String entry) throws IOException {
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    if (length.isPresent() && length.getAsLong() > limits.maxMetadataSize()) {
      RegistryHttp.discard(response);
      throw new LimitExceededException(image, null, entry, "the response size (" + length.getAsLong() + " bytes)",
          limits.maxMetadataSize());
    }
    try (InputStream in = response.body()) {
      return MetadataBytes.read(in, limits, image, entry);
    }
  }

  private RegistryHttp.Request request(String method, String path, List<String> accept, String scope, String operation) {
    return new RegistryHttp.Request(method, http.uri(path), accept, scope, operation);
  }

  private static String manifestPath(String repository, String reference) {
    return "v2/" + repository + "/manifests/" + reference;
  }

  private static String pullScope(String repository) {
    return "repository:" + repository + ":pull";
  }

  private static Digest referenceDigest(String reference) {
    if (!reference.contains(":")) {
      return null;
    }
    try {
      return Digest.parse(reference);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Optional<Digest> headerDigest(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(header.get().strip()));
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring an invalid Docker-Content-Digest header from a registry: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private static String bareType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
  }
}
