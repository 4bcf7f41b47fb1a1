package io.hullscope.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.luben.zstd.Zstd;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.image.MediaType;
import io.hullscope.image.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes images into the file layouts that {@code docker save} and OCI tools produce, for tests.
 *
 * <p>Describe images with {@link #image()} and multi-platform indexes with {@link #index}, then
 * lay them out with {@link #dockerSave}, {@link #dockerSaveOci} or {@link #ociLayout}. Each
 * layout returns {@link ArchiveFiles}, which tests may tamper with before writing it as a tar or
 * a folder. Output is byte-identical between runs: JSON keys are sorted, timestamps are fixed and
 * archive entries are written in path order.
 */
public final class ImageArchiveBuilder {

  /** Time used for {@code created} fields unless a test sets another: 2024-01-01T00:00:00Z. */
  public static final Instant FIXED_CREATED = Instant.ofEpochSecond(TarBuilder.FIXED_MTIME_SECONDS);

  /** Annotation BuildKit puts on attestation manifests in an index. */
  public static final String REFERENCE_TYPE_ANNOTATION = "vnd.docker.reference.type";

  /** Annotation naming the image manifest an attestation manifest describes. */
  public static final String REFERENCE_DIGEST_ANNOTATION = "vnd.docker.reference.digest";

  /** OCI annotation holding the tag of an index.json entry. */
  public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

  /** containerd annotation holding the full image name of an index.json entry. */
  public static final String IMAGE_NAME_ANNOTATION = "io.containerd.image.name";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ImageArchiveBuilder() {}

  /** How a layer blob is stored. */
  public enum BlobCompression { NONE, GZIP, ZSTD }

  /** Starts describing a single-platform image (linux/amd64 unless changed). */
  public static TestImage image() {
    return new TestImage();
  }

  /** Starts describing an index over the given images and nested indexes. */
  public static TestIndex index(Node... children) {
    TestIndex index = new TestIndex();
    for (Node child : children) {
      index.add(child);
    }
    return index;
  }

  /** Returns a BuildKit attestation manifest for {@code subject}, to put in an index. */
  public static Node attestation(TestImage subject) {
    return new Attestation(subject);
  }

  /**
   * Lays images out as the classic {@code docker save} wrote them before Docker 25:
   * {@code manifest.json}, {@code <config hex>.json}, {@code <layer id>/layer.tar} and
   * {@code repositories}. Layers are always stored uncompressed, as Docker did.
   */
  public static ArchiveFiles dockerSave(TestImage... images) {
    ArchiveFiles files = new ArchiveFiles();
    List<Map<String, Object>> manifest = new ArrayList<>();
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    for (TestImage image : images) {
      files.put(image.configDigest().hex() + ".json", image.configJson());
      List<String> layerPaths = new ArrayList<>();
      String parent = null;
      for (TestLayer layer : image.layers) {
        String id = Digest.sha256Of(((parent == null ? "" : parent) + layer.diffId()).getBytes(StandardCharsets.UTF_8)).hex();
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("id", id);
        if (parent != null) {
          v1.put("parent", parent);
        }
        files.put(id + "/VERSION", "1.0");
        files.put(id + "/json", json(v1));
        files.put(id + "/layer.tar", layer.tar());
        layerPaths.add(id + "/layer.tar");
        parent = id;
      }
      manifest.add(manifestJsonEntry(image.configDigest().hex() + ".json", image.references, layerPaths));
      addRepositories(repositories, image.references, parent == null ? image.configDigest().hex() : parent);
    }
    files.put("manifest.json", json(manifest));
    files.put("repositories", json(repositories));
    return files;
  }

  /**
   * Lays images out as {@code docker save} writes them since Docker 25: an OCI layout
   * ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}) plus the legacy
   * {@code manifest.json} whose paths point at blobs. Layers keep their compression, as the
   * containerd image store stores them. For an index, {@code manifest.json} lists each image
   * platform, with the references on the first one.
   */
  public static ArchiveFiles dockerSaveOci(Node... roots) {
    ArchiveFiles files = ociLayout(roots);
    List<Map<String, Object>> manifest = new ArrayList<>();
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    for (Node root : roots) {
      List<TestImage> images = new ArrayList<>();
      root.collectImages(images);
      boolean first = true;
      for (TestImage image : images) {
        List<String> layerPaths = new ArrayList<>();
        for (TestLayer layer : image.layers) {
          layerPaths.add(blobPath(layer.blobDigest()));
        }
        List<String> tags = first ? root.references() : List.of();
        manifest.add(manifestJsonEntry(blobPath(image.configDigest()), tags, layerPaths));
        first = false;
      }
      addRepositories(repositories, root.references(), root.digest().hex());
    }
    files.put("manifest.json", json(manifest));
    if (!repositories.isEmpty()) {
      files.put("repositories", json(repositories));
    }
    return files;
  }

  /**
   * Lays images and indexes out as an OCI image layout: {@code oci-layout}, {@code index.json}
   * with one entry per reference (or one unnamed entry) and every blob under
   * {@code blobs/sha256}. Write it with {@link ArchiveFiles#writeDirectory} or
   * {@link ArchiveFiles#toTar}.
   */
  public static ArchiveFiles ociLayout(Node... roots) {
    ArchiveFiles files = new ArchiveFiles();
    files.put("oci-layout", json(Map.of("imageLayoutVersion", "1.0.0")));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Node root : roots) {
      root.addBlobs(files);
      if (root.references().isEmpty()) {
        entries.add(root.descriptor(Map.of()));
      }
      for (String reference : root.references()) {
        ImageReference parsed = ImageReference.parse(reference);
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(IMAGE_NAME_ANNOTATION, parsed.toString());
        if (parsed.tag() != null) {
          annotations.put(REF_NAME_ANNOTATION, parsed.tag());
        }
        entries.add(root.descriptor(annotations));
      }
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaType.OCI_INDEX);
    index.put("manifests", entries);
    files.put("index.json", json(index));
    return files;
  }

  /** Returns the path of a blob inside an OCI layout. */
  public static String blobPath(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }

  /** Serializes a value as JSON with sorted map keys. */
  public static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> manifestJsonEntry(String config, List<String> tags, List<String> layers) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("Config", config);
    entry.put("RepoTags", tags.isEmpty() ? null : tags);
    entry.put("Layers", layers);
    return entry;
  }

  private static void addRepositories(Map<String, Map<String, String>> repositories, List<String> references, String id) {
    for (String reference : references) {
      ImageReference parsed = ImageReference.parse(reference);
      if (parsed.tag() == null) {
        continue;
      }
      String familiar = parsed.familiar();
      String repository = familiar.substring(0, familiar.lastIndexOf(':'));
      repositories.computeIfAbsent(repository, key -> new TreeMap<>()).put(parsed.tag(), id);
    }
  }

  private static Map<String, Object> blobDescriptor(String mediaType, Digest digest, long size) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest.toString());
    descriptor.put("size", size);
    return descriptor;
  }

  private static Map<String, Object> platformJson(Platform platform) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("architecture", platform.architecture());
    json.put("os", platform.os());
    if (platform.variant() != null) {
      json.put("variant", platform.variant());
    }
    return json;
  }

  private static long nanos(Duration duration) {
    return duration.toNanos();
  }

  /** An image or an index that can be an entry of an index. */
  public sealed interface Node permits TestImage, TestIndex, Attestation {

    String mediaType();

    byte[] manifestJson();

    default Digest digest() {
      return Digest.sha256Of(manifestJson());
    }

    List<String> references();

    /** Adds this node's manifest and every blob below it. */
    void addBlobs(ArchiveFiles files);

    /** Adds the images (not attestations) below this node, in index order. */
    void collectImages(List<TestImage> images);

    /** Returns the descriptor of this node as an entry of an index. */
    Map<String, Object> descriptor(Map<String, String> annotations);
  }

  /** One layer: the uncompressed tar and the blob as stored. */
  public record TestLayer(byte[] tar, byte[] blob, String mediaType) {

    public Digest diffId() {
      return Digest.sha256Of(tar);
    }

    public Digest blobDigest() {
      return Digest.sha256Of(blob);
    }
  }

  /** A single-platform image: layers, config and references. */
  public static final class TestImage implements Node {

    private final List<TestLayer> layers = new ArrayList<>();
    private final List<String> references = new ArrayList<>();
    private final List<Map<String, Object>> history = new ArrayList<>();
    private final Map<String, String> labels = new TreeMap<>();
    private final Set<String> exposedPorts = new TreeSet<>();
    private final Set<String> volumes = new TreeSet<>();
    private Platform platform = new Platform("linux", "amd64", null);
    private String user;
    private List<String> env;
    private List<String> cmd;
    private List<String> entrypoint;
    private String workingDir;
    private String stopSignal;
    private String author;
    private Instant created = FIXED_CREATED;
    private Map<String, Object> healthcheck;
    private boolean dockerMediaTypes;
    private byte[] rawConfig;

    private TestImage() {}

    /** Adds a layer stored as a plain tar. */
    public TestImage layer(byte[] tar) {
      return layer(tar, BlobCompression.NONE);
    }

    /** Adds a layer stored with the given compression. */
    public TestImage layer(byte[] tar, BlobCompression compression) {
      byte[] blob =
          switch (compression) {
            case NONE -> tar;
            case GZIP -> TarBuilder.gzip(tar);
            case ZSTD -> Zstd.compress(tar, 3);
          };
      String mediaType =
          switch (compression) {
            case NONE -> MediaType.OCI_LAYER;
            case GZIP -> MediaType.OCI_LAYER_GZIP;
            case ZSTD -> MediaType.OCI_LAYER_ZSTD;
          };
      layers.add(new TestLayer(tar, blob, mediaType));
      return this;
    }

    public TestImage reference(String reference) {
      references.add(reference);
      return this;
    }

    public TestImage platform(String platform) {
      this.platform = Platform.parse(platform);
      return this;
    }

    public TestImage user(String user) {
      this.user = user;
      return this;
    }

    public TestImage env(String... env) {
      this.env = List.of(env);
      return this;
    }

    public TestImage cmd(String... cmd) {
      this.cmd = List.of(cmd);
      return this;
    }

    public TestImage entrypoint(String... entrypoint) {
      this.entrypoint = List.of(entrypoint);
      return this;
    }

    public TestImage label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** Adds an exposed port such as {@code 8080/tcp}. */
    public TestImage exposedPort(String port) {
      exposedPorts.add(port);
      return this;
    }

    public TestImage volume(String path) {
      volumes.add(path);
      return this;
    }

    public TestImage workingDir(String workingDir) {
      this.workingDir = workingDir;
      return this;
    }

    public TestImage stopSignal(String stopSignal) {
      this.stopSignal = stopSignal;
      return this;
    }

    public TestImage author(String author) {
      this.author = author;
      return this;
    }

    public TestImage created(Instant created) {
      this.created = created;
      return this;
    }

    /** Sets the health check; durations are written in nanoseconds as Docker writes them. */
    public TestImage healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod, Integer retries) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("Test", test);
      if (interval != null) {
        json.put("Interval", nanos(interval));
      }
      if (timeout != null) {
        json.put("Timeout", nanos(timeout));
      }
      if (startPeriod != null) {
        json.put("StartPeriod", nanos(startPeriod));
      }
      if (retries != null) {
        json.put("Retries", retries);
      }
      healthcheck = json;
      return this;
    }

    /** Adds a history entry for a step that produced a layer. */
    public TestImage history(String createdBy) {
      return history(createdBy, false);
    }

    /** Adds a history entry; {@code emptyLayer} marks a metadata-only step. */
    public TestImage history(String createdBy, boolean emptyLayer) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("created", created.toString());
      entry.put("created_by", createdBy);
      if (emptyLayer) {
        entry.put("empty_layer", true);
      }
      history.add(entry);
      return this;
    }

    /** Writes Docker v2 schema 2 media types instead of OCI ones for manifest and config. */
    public TestImage dockerMediaTypes() {
      dockerMediaTypes = true;
      return this;
    }

    /** Replaces the generated config with the given bytes, for example invalid JSON. */
    public TestImage rawConfig(byte[] config) {
      rawConfig = config.clone();
      return this;
    }

    public Platform platform() {
      return platform;
    }

    public List<TestLayer> layers() {
      return Collections.unmodifiableList(layers);
    }

    @Override
    public List<String> references() {
      return List.copyOf(references);
    }

    /** Returns the config JSON as written into every layout. */
    public byte[] configJson() {
      if (rawConfig != null) {
        return rawConfig.clone();
      }
      Map<String, Object> runtime = new LinkedHashMap<>();
      putIfSet(runtime, "User", user);
      putIfSet(runtime, "Env", env);
      putIfSet(runtime, "Cmd", cmd);
      putIfSet(runtime, "Entrypoint", entrypoint);
      putIfSet(runtime, "WorkingDir", workingDir);
      putIfSet(runtime, "StopSignal", stopSignal);
      putIfSet(runtime, "Healthcheck", healthcheck);
      if (!labels.isEmpty()) {
        runtime.put("Labels", labels);
      }
      if (!exposedPorts.isEmpty()) {
        runtime.put("ExposedPorts", emptyObjects(exposedPorts));
      }
      if (!volumes.isEmpty()) {
        runtime.put("Volumes", emptyObjects(volumes));
      }

      List<String> diffIds = new ArrayList<>();
      for (TestLayer layer : layers) {
        diffIds.add(layer.diffId().toString());
      }
      Map<String, Object> config = new LinkedHashMap<>(platformJson(platform));
      putIfSet(config, "author", author);
      putIfSet(config, "created", created == null ? null : created.toString());
      config.put("config", runtime);
      config.put("history", history);
      config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
      return json(config);
    }

    public Digest configDigest() {
      return Digest.sha256Of(configJson());
    }

    @Override
    public String mediaType() {
      return dockerMediaTypes ? MediaType.DOCKER_MANIFEST : MediaType.OCI_MANIFEST;
    }

    @Override
    public byte[] manifestJson() {
      List<Map<String, Object>> layerDescriptors = new ArrayList<>();
      for (TestLayer layer : layers) {
        String layerType = dockerMediaTypes ? MediaType.DOCKER_LAYER_GZIP : layer.mediaType();
        layerDescriptors.add(blobDescriptor(layerType, layer.blobDigest(), layer.blob().length));
      }
      String configType = dockerMediaTypes ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG;
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("schemaVersion", 2);
      manifest.put("mediaType", mediaType());
      manifest.put("config", blobDescriptor(configType, configDigest(), configJson().length));
      manifest.put("layers", layerDescriptors);
      return json(manifest);
    }

    @Override
    public void addBlobs(ArchiveFiles files) {
      files.put(blobPath(configDigest()), configJson());
      for (TestLayer layer : layers) {
        files.put(blobPath(layer.blobDigest()), layer.blob());
      }
      files.put(blobPath(digest()), manifestJson());
    }

    @Override
    public void collectImages(List<TestImage> images) {
      images.add(this);
    }

    @Override
    public Map<String, Object> descriptor(Map<String, String> annotations) {
      byte[] manifest = manifestJson();
      Map<String, Object> descriptor = blobDescriptor(mediaType(), Digest.sha256Of(manifest), manifest.length);
      descriptor.put("platform", platformJson(platform));
      if (!annotations.isEmpty()) {
        descriptor.put("annotations", annotations);
      }
      return descriptor;
    }

    private static void putIfSet(Map<String, Object> json, String key, Object value) {
      if (value != null) {
        json.put(key, value);
      }
    }

    private static Map<String, Object> emptyObjects(Set<String> keys) {
      Map<String, Object> json = new TreeMap<>();
      for (String key : keys) {
        json.put(key, Map.of());
      }
      return json;
    }
  }

  /** A BuildKit attestation manifest (platform unknown/unknown) describing one image. */
  public static final class Attestation implements Node {

    private final TestImage subject;

    private Attestation(TestImage subject) {
      this.subject = subject;
    }

    @Override
    public String mediaType() {
      return MediaType.OCI_MANIFEST;
    }

    private byte[] statement() {
      Map<String, Object> statement = new LinkedHashMap<>();
      statement.put("_type", "https://in-toto.io/Statement/v0.1");
      statement.put("predicateType", "https://slsa.dev/provenance/v0.2");
      statement.put("subject", List.of(Map.of("digest", Map.of("sha256", subject.digest().hex()))));
      return json(statement);
    }

    private byte[] config() {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("architecture", "unknown");
      config.put("os", "unknown");
      config.put("config", Map.of());
      config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(Digest.sha256Of(statement()).toString())));
      return json(config);
    }

    @Override
    public byte[] manifestJson() {
      Map<String, Object> layer = blobDescriptor("application/vnd.in-toto+json", Digest.sha256Of(statement()), statement().length);
      layer.put("annotations", Map.of("in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2"));
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("schemaVersion", 2);
      manifest.put("mediaType", mediaType());
      manifest.put("config", blobDescriptor(MediaType.OCI_CONFIG, Digest.sha256Of(config()), config().length));
      manifest.put("layers", List.of(layer));
      return json(manifest);
    }

    @Override
    public List<String> references() {
      return List.of();
    }

    @Override
    public void addBlobs(ArchiveFiles files) {
      files.put(blobPath(Digest.sha256Of(statement())), statement());
      files.put(blobPath(Digest.sha256Of(config())), config());
      files.put(blobPath(digest()), manifestJson());
    }

    @Override
    public void collectImages(List<TestImage> images) {}

    @Override
    public Map<String, Object> descriptor(Map<String, String> annotations) {
      byte[] manifest = manifestJson();
      Map<String, Object> descriptor = blobDescriptor(mediaType(), Digest.sha256Of(manifest), manifest.length);
      descriptor.put("platform", platformJson(Platform.UNKNOWN));
      Map<String, String> all = new TreeMap<>(annotations);
      all.put(REFERENCE_DIGEST_ANNOTATION, subject.digest().toString());
      all.put(REFERENCE_TYPE_ANNOTATION, "attestation-manifest");
      descriptor.put("annotations", all);
      return descriptor;
    }
  }

  /** An image index (or Docker manifest list) over images, attestations and nested indexes. */
  public static final class TestIndex implements Node {

    private final List<Node> children = new ArrayList<>();
    private final List<String> references = new ArrayList<>();
    private boolean dockerManifestList;

    private TestIndex() {}

    /** Adds an image, nested index or attestation as the next entry. */
    public TestIndex add(Node child) {
      children.add(child);
      return this;
    }

    /** Adds a BuildKit attestation manifest for {@code subject}. */
    public TestIndex attestation(TestImage subject) {
      return add(ImageArchiveBuilder.attestation(subject));
    }

    public TestIndex reference(String reference) {
      references.add(reference);
      return this;
    }

    /** Writes the Docker manifest list media type instead of the OCI index one. */
    public TestIndex dockerManifestList() {
      dockerManifestList = true;
      return this;
    }

    @Override
    public List<String> references() {
      return List.copyOf(references);
    }

    @Override
    public String mediaType() {
      return dockerManifestList ? MediaType.DOCKER_MANIFEST_LIST : MediaType.OCI_INDEX;
    }

    @Override
    public byte[] manifestJson() {
      List<Map<String, Object>> manifests = new ArrayList<>();
      for (Node child : children) {
        manifests.add(child.descriptor(Map.of()));
      }
      Map<String, Object> index = new LinkedHashMap<>();
      index.put("schemaVersion", 2);
      index.put("mediaType", mediaType());
      index.put("manifests", manifests);
      return json(index);
    }

    @Override
    public void addBlobs(ArchiveFiles files) {
      for (Node child : children) {
        child.addBlobs(files);
      }
      files.put(blobPath(digest()), manifestJson());
    }

    @Override
    public void collectImages(List<TestImage> images) {
      for (Node child : children) {
        child.collectImages(images);
      }
    }

    @Override
    public Map<String, Object> descriptor(Map<String, String> annotations) {
      byte[] manifest = manifestJson();
      Map<String, Object> descriptor = blobDescriptor(mediaType(), Digest.sha256Of(manifest), manifest.length);
      if (!annotations.isEmpty()) {
        descriptor.put("annotations", annotations);
      }
      return descriptor;
    }
  }

  /**
   * The files of one layout, by path, ready to be written as a tar or a folder. Tests change
   * them (replace a manifest, remove a blob, turn an entry into a link) to build hostile input.
   */
  public static final class ArchiveFiles {

    private final NavigableMap<String, ArchiveEntry> entries = new TreeMap<>();

    /** A regular file, or a link when {@code linkType} is set. */
    private record ArchiveEntry(byte[] content, LinkType linkType, String linkTarget) {}

    private enum LinkType { SYMLINK, HARDLINK }

    public ArchiveFiles put(String path, byte[] content) {
      entries.put(path, new ArchiveEntry(content.clone(), null, null));
      return this;
    }

    public ArchiveFiles put(String path, String content) {
      return put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public ArchiveFiles remove(String path) {
      if (entries.remove(path) == null) {
        throw new IllegalArgumentException("no file " + path + " in this layout; files: " + entries.keySet());
      }
      return this;
    }

    /** Replaces or adds {@code path} as a symbolic link to {@code target}. */
    public ArchiveFiles symlink(String path, String target) {
      entries.put(path, new ArchiveEntry(null, LinkType.SYMLINK, target));
      return this;
    }

    /** Replaces or adds {@code path} as a hard link to the archive entry {@code target}. */
    public ArchiveFiles hardlink(String path, String target) {
      entries.put(path, new ArchiveEntry(null, LinkType.HARDLINK, target));
      return this;
    }

    /** Returns the content of a regular file. */
    public byte[] content(String path) {
      ArchiveEntry entry = entries.get(path);
      if (entry == null || entry.content() == null) {
        throw new IllegalArgumentException("no regular file " + path + " in this layout; files: " + entries.keySet());
      }
      return entry.content().clone();
    }

    /** Returns every path, sorted. */
    public Set<String> paths() {
      return Collections.unmodifiableSet(entries.keySet());
    }

    /** Writes the files as an uncompressed tar, with a directory entry before each folder's files. */
    public byte[] toTar() {
      TarBuilder tar = new TarBuilder();
      Set<String> writtenDirectories = new TreeSet<>();
      entries.forEach((path, entry) -> {
        addParentDirectories(tar, writtenDirectories, path);
        if (entry.linkType() == LinkType.SYMLINK) {
          tar.symlink(path, entry.linkTarget());
        } else if (entry.linkType() == LinkType.HARDLINK) {
          tar.hardlink(path, entry.linkTarget());
        } else {
          tar.file(path, entry.content(), 0644);
        }
      });
      return tar.build();
    }

    /** Writes {@link #toTar()} to {@code file} and returns it. */
    public Path writeTar(Path file) {
      try {
        Files.write(file, toTar());
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Writes the files below {@code directory} (created if missing) with fixed modification
     * times; symbolic and hard links become real links. Returns the directory.
     */
    public Path writeDirectory(Path directory) {
      try {
        Files.createDirectories(directory);
        for (Map.Entry<String, ArchiveEntry> item : entries.entrySet()) {
          Path target = directory.resolve(item.getKey());
          Files.createDirectories(target.getParent());
          ArchiveEntry entry = item.getValue();
          if (entry.linkType() == LinkType.SYMLINK) {
            Files.createSymbolicLink(target, Path.of(entry.linkTarget()));
          } else if (entry.linkType() == LinkType.HARDLINK) {
            Files.createLink(target, directory.resolve(entry.linkTarget()));
          } else {
            Files.write(target, entry.content());
            Files.setLastModifiedTime(target, FileTime.from(FIXED_CREATED));
          }
        }
        return directory;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void addParentDirectories(TarBuilder tar, Set<String> written, String path) {
      int slash = path.indexOf('/');
      while (slash > 0) {
        String directory = path.substring(0, slash + 1);
        if (written.add(directory)) {
          tar.dir(directory);
        }
        slash = path.indexOf('/', slash + 1);
      }
    }
  }
}
