package io.hullscope.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hullscope.image.Digest;
import io.hullscope.image.MediaType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a large OCI image layout for benchmarks from fixed seeds, so every run measures the same
 * bytes. {@value #LAYERS} gzip layers hold about 110,000 generated files, a little over 600 MB
 * uncompressed. Three more layers hold package evidence for the catalogers ({@link
 * BenchmarkEvidence}).
 *
 * <p>Content mixes text made of a small vocabulary (compresses about 3:1, like source trees and
 * package metadata) with random bytes (does not compress, like already compressed assets), and
 * later layers overwrite some earlier files so the image has wasted space.
 *
 * <p>Layer order: the base system, an {@code apt-get install} layer, the generated file layers,
 * then the application with its Python, npm, Java and Go-like packages.
 */
public final class BenchmarkImageGenerator {

  static final int LAYERS = 12;
  private static final long SEED = 20240101L;
  private static final long EVIDENCE_SEED = 20240102L;
  static final int FILES_PER_LAYER = 9_200;
  static final int LARGE_FILES_PER_LAYER = 4;
  static final int LARGE_FILE_SIZE = 6 << 20;
  private static final long MTIME_MILLIS = 1_704_067_200_000L;
  private static final String[] WORDS = {
    "layer", "image", "config", "digest", "manifest", "return", "static", "final", "import",
    "package", "public", "private", "void", "string", "value", "index", "buffer", "stream",
    "close", "open", "read", "write", "error", "result", "class", "module", "version", "lib",
  };

  private BenchmarkImageGenerator() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "target/bench-image");
    generate(target);
    System.out.println("wrote " + target.toAbsolutePath());
  }

  /** Writes the layout into {@code dir} unless a complete one is already there. */
  public static Path generate(Path dir) throws IOException {
    return generate(dir, LAYERS);
  }

  /**
   * Writes the layout with {@code generatedLayers} layers of generated files between the evidence
   * layers, unless a complete layout is already in {@code dir}. Tests pass 0 for a small image.
   */
  static Path generate(Path dir, int generatedLayers) throws IOException {
    if (Files.exists(dir.resolve("index.json"))) {
      return dir;
    }
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    Random random = new Random(SEED);
    BenchmarkEvidence evidence = new BenchmarkEvidence(EVIDENCE_SEED);
    List<Map<String, Object>> layerDescriptors = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    List<String> createdBy = new ArrayList<>();
    List<BenchmarkEvidence.EvidenceLayer> lower = List.of(evidence.baseSystem(), evidence.aptInstall());
    for (BenchmarkEvidence.EvidenceLayer layer : lower) {
      addLayer(blobs, tar -> writeEvidence(tar, layer), layerDescriptors, diffIds);
      createdBy.add(layer.createdBy());
    }
    for (int layer = 0; layer < generatedLayers; layer++) {
      int generated = layer;
      addLayer(blobs, tar -> writeGeneratedFiles(tar, generated, random), layerDescriptors, diffIds);
      createdBy.add("COPY generated/" + layer + " /");
    }
    BenchmarkEvidence.EvidenceLayer application = evidence.application();
    addLayer(blobs, tar -> writeEvidence(tar, application), layerDescriptors, diffIds);
    createdBy.add(application.createdBy());

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    config.put("created", "2024-01-01T00:00:00Z");
    config.put("config", Map.of("Cmd", List.of("/app/bin/server"), "User", "1000:1000"));
    config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
    List<Map<String, Object>> history = new ArrayList<>();
    for (String command : createdBy) {
      history.add(Map.of("created", "2024-01-01T00:00:00Z", "created_by", command));
    }
    config.put("history", history);
    Map<String, Object> configBlob = writeJson(blobs, config, MediaType.OCI_CONFIG);

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaType.OCI_MANIFEST);
    manifest.put("config", configBlob);
    manifest.put("layers", layerDescriptors);
    Map<String, Object> manifestBlob = writeJson(blobs, manifest, MediaType.OCI_MANIFEST);
    manifestBlob.put("annotations", Map.of("org.opencontainers.image.ref.name", "bench:latest"));

    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaType.OCI_INDEX);
    index.put("manifests", List.of(manifestBlob));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.write(dir.resolve("index.json"), mapper().writeValueAsBytes(index));
    return dir;
  }

  /** Returns the layer blob files in layer order, for the {@code gzip -dc} floor. */
  public static List<Path> layerBlobs(Path dir) throws IOException {
    var index = mapper().readTree(dir.resolve("index.json").toFile());
    String manifestDigest = index.get("manifests").get(0).get("digest").asText();
    var manifest = mapper().readTree(blobPath(dir, manifestDigest).toFile());
    List<Path> layers = new ArrayList<>();
    manifest.get("layers").forEach(layer -> layers.add(blobPath(dir, layer.get("digest").asText())));
    return layers;
  }

  private static Path blobPath(Path dir, String digest) {
    return dir.resolve("blobs/sha256").resolve(Digest.parse(digest).hex());
  }

  private record LayerBlob(Digest digest, Digest diffId, long size) {}

  /** Writes the content of one layer into its tar. */
  private interface LayerContent {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private static void addLayer(Path blobs, LayerContent content, List<Map<String, Object>> descriptors,
      List<String> diffIds) throws IOException {
    LayerBlob blob = writeLayer(blobs, content);
    descriptors.add(descriptor(MediaType.OCI_LAYER_GZIP, blob.digest, blob.size));
    diffIds.add(blob.diffId.toString());
  }

  private static LayerBlob writeLayer(Path blobs, LayerContent content) throws IOException {
    Path temp = Files.createTempFile(blobs, "layer", ".tmp");
    MessageDigest stored = Digest.newSha256();
    MessageDigest uncompressed = Digest.newSha256();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        OutputStream storedHash = new DigestOutputStream(file, stored);
        OutputStream gzip = new GZIPOutputStream(storedHash, 1 << 16);
        OutputStream tarHash = new DigestOutputStream(gzip, uncompressed);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(tarHash)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      content.write(tar);
    }
    Digest digest = new Digest("sha256", HexFormat.of().formatHex(stored.digest()));
    Digest diffId = new Digest("sha256", HexFormat.of().formatHex(uncompressed.digest()));
    Path blob = blobs.resolve(digest.hex());
    Files.move(temp, blob, StandardCopyOption.REPLACE_EXISTING);
    return new LayerBlob(digest, diffId, Files.size(blob));
  }

  private static void writeGeneratedFiles(TarArchiveOutputStream tar, int layer, Random random) throws IOException {
    String base = "app/module" + layer + "/";
    putDirectory(tar, "app/");
    putDirectory(tar, base);
    for (int fileNumber = 0; fileNumber < FILES_PER_LAYER; fileNumber++) {
      String dirName = base + "pkg" + (fileNumber / 200) + "/";
      if (fileNumber % 200 == 0) {
        putDirectory(tar, dirName);
      }
      putFile(tar, dirName + "file" + fileNumber + ".txt", text(random, 512 + random.nextInt(7_000)));
    }
    for (int large = 0; large < LARGE_FILES_PER_LAYER; large++) {
      byte[] data = new byte[LARGE_FILE_SIZE];
      if (large % 2 == 0) {
        random.nextBytes(data);
      } else {
        byte[] text = text(random, LARGE_FILE_SIZE);
        System.arraycopy(text, 0, data, 0, data.length);
      }
      putFile(tar, base + "assets/blob" + large + ".bin", data);
    }
    if (layer > 0) {
      // Overwrites one asset of the layer below: the lower copy becomes wasted space.
      putFile(tar, "app/module" + (layer - 1) + "/assets/blob1.bin", text(random, 1 << 20));
    }
  }

  /** Writes the files of an evidence layer, each after the folders above it, as a tar tool does. */
  private static void writeEvidence(TarArchiveOutputStream tar, BenchmarkEvidence.EvidenceLayer layer)
      throws IOException {
    Set<String> folders = new HashSet<>();
    for (BenchmarkEvidence.LayerFile file : layer.files()) {
      int slash = file.path().indexOf('/');
      while (slash > 0) {
        String folder = file.path().substring(0, slash + 1);
        if (folders.add(folder)) {
          putDirectory(tar, folder);
        }
        slash = file.path().indexOf('/', slash + 1);
      }
      putFile(tar, file.path(), file.data(), file.mode());
    }
  }

  private static byte[] text(Random random, int size) {
    StringBuilder builder = new StringBuilder(size + 16);
    while (builder.length() < size) {
      builder.append(WORDS[random.nextInt(WORDS.length)]);
      builder.append(random.nextInt(10) == 0 ? '\n' : ' ');
    }
    builder.setLength(size);
    return builder.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void putDirectory(TarArchiveOutputStream tar, String path) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setMode(040755);
    entry.setModTime(MTIME_MILLIS);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void putFile(TarArchiveOutputStream tar, String path, byte[] data) throws IOException {
    putFile(tar, path, data, 0644);
  }

  private static void putFile(TarArchiveOutputStream tar, String path, byte[] data, int permissions)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setMode(0100000 | permissions);
    entry.setSize(data.length);
    entry.setModTime(MTIME_MILLIS);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static Map<String, Object> writeJson(Path blobs, Object value, String mediaType) throws IOException {
    byte[] bytes = mapper().writeValueAsBytes(value);
    Digest digest = Digest.sha256Of(bytes);
    Files.write(blobs.resolve(digest.hex()), bytes);
    return descriptor(mediaType, digest, bytes.length);
  }

  private static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest.toString());
    descriptor.put("size", size);
    return descriptor;
  }

  private static ObjectMapper mapper() {
    return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }
}
