package io.hullscope.source.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import io.hullscope.image.MediaType;
import io.hullscope.image.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an image's layer blobs in a {@code docker save} stream ({@code GET /images/{name}/get})
 * while it streams past, without a temporary copy of the image.
 *
 * <p>Daemons write three layouts, and none of them promises that the manifest comes before the
 * blobs it lists:
 *
 * <ul>
 *   <li>Docker 24 and older: {@code <v1 id>/layer.tar} per layer (uncompressed), {@code <image
 *       id>.json} for the config and {@code manifest.json} last. The folders are sorted by v1 id,
 *       not by layer order, and a v1 id is not the diff id.
 *   <li>Docker 25 and newer with the classic store: an OCI layout whose layer blobs are the
 *       uncompressed tars, so {@code blobs/sha256/<hex>} has the diff id as its name.
 *   <li>Docker with the containerd image store: an OCI layout whose blobs are stored as pulled,
 *       usually gzip or zstd, so the blob digest differs from the diff id. The entries are sorted
 *       by name, so the image manifest and config are mixed in among the layer blobs.
 *   <li>Podman (4.3, and any writer built on containers/image's docker-archive transport):
 *       {@code <diff id hex>.tar} per layer (uncompressed) at the top of the tar, then the config
 *       {@code <image id>.json}, then legacy folders whose {@code layer.tar} is a symlink to the
 *       top-level file, and {@code manifest.json} last.
 * </ul>
 *
 * <p>The mapping from tar entry to layer is therefore learned in this order:
 *
 * <ol>
 *   <li>an entry {@code blobs/sha256/<hex>} or {@code <hex>.tar} whose hex equals a diff id is
 *       that (uncompressed) layer;
 *   <li>a legacy {@code <v1 id>/layer.tar} is layer {@code d} when the {@code json} files of its
 *       folder and of its {@code d} ancestors, which name each folder's parent, came before it;
 *   <li>an entry the manifest lists at position {@code i} is layer {@code i}, once the manifest
 *       and the config it points to have been seen. Small JSON entries (at most
 *       {@link Limits#maxMetadataSize()} each) are buffered for this in {@link SaveManifests};
 *   <li>anything else is skipped in this pass.
 * </ol>
 *
 * <p>A pass delivers each requested layer it can identify when it reaches it. Layers it could
 * only identify after their blob went by (the manifest came later) are left for another pass,
 * which then has every entry name. So a Docker 25+ classic save or a Podman save costs one
 * pass, and a legacy or containerd save usually costs two the first time. A legacy save's
 * bottom layer, often the largest, comes in the first pass. The learned mapping is kept for
 * later passes over the same image. The blob digest reported for a legacy {@code layer.tar} is
 * the diff id, because that file is the uncompressed layer tar.
 *
 * <p>Instances are thread-safe; passes over the same image run one at a time.
 */
final class SaveStreamScanner {

  private static final Logger LOG = LoggerFactory.getLogger(SaveStreamScanner.class);
  private static final Pattern BLOB = SaveManifests.BLOB;
  private static final Pattern LEGACY_LAYER = Pattern.compile("([0-9a-f]{64})/layer\\.tar");
  private static final Pattern LEGACY_JSON = Pattern.compile("([0-9a-f]{64})/json");
  private static final Pattern DIFF_ID_TAR = Pattern.compile("([0-9a-f]{64})\\.tar");

  private final String imageName;
  private final List<Digest> diffIds;
  private final Limits limits;
  /** Maximum bytes of JSON buffered in one pass; a save of one image has a handful of small files. */
  private final long maxBufferedMetadata;

  private final Map<String, List<Integer>> layersByEntry = new HashMap<>();
  private final Map<Integer, Digest> blobDigests = new HashMap<>();
  private final Map<Integer, Long> blobSizes = new HashMap<>();
  private final Map<Integer, String> mediaTypes = new HashMap<>();
  /** Parent v1 id of each legacy layer folder seen so far; the empty string for the bottom layer. */
  private final Map<String, String> legacyParents = new HashMap<>();
  private byte[] configJson;

  SaveStreamScanner(String imageName, List<Digest> diffIds, Limits limits) {
    this.imageName = imageName;
    this.diffIds = List.copyOf(diffIds);
    this.limits = limits;
    this.maxBufferedMetadata = Math.multiplyExact(limits.maxMetadataSize(), 8);
  }

  /** Receives one layer blob; the stream ends at the end of the blob and must not be kept. */
  interface BlobConsumer {
    void accept(int layerIndex, InputStream blob) throws IOException;
  }

  /** Starts a new save stream; the caller closes it, which ends the request. */
  interface SaveStreamOpener {
    InputStream open() throws IOException;
  }

  /** Decides after each entry whether a pass may stop reading early. */
  private interface StopCondition {
    boolean reached(Set<Integer> remaining);
  }

  /**
   * Hands every requested layer to the consumer, in stream order, making as many passes as
   * needed. One pass suffices when each blob is identified as it arrives. Another is needed when
   * a manifest came after the blobs it names, or when one large blob is several layers.
   *
   * @return the number of passes made
   * @throws ImageReadException when a pass neither delivers a layer nor learns where one is
   */
  int deliverAll(SaveStreamOpener opener, Set<Integer> wanted, BlobConsumer consumer, ProgressListener progress)
      throws IOException {
    Set<Integer> remaining = new TreeSet<>(wanted);
    int passes = 0;
    while (!remaining.isEmpty()) {
      passes++;
      if (passes > 1) {
        progress.step("Reading " + imageName + " from the Docker daemon again for " + remaining.size()
            + " layers that came before its manifest");
      }
      Map<String, List<Integer>> knownBefore = knownEntries();
      Set<Integer> delivered;
      try (InputStream saveTar = opener.open()) {
        delivered = scan(saveTar, remaining, consumer, left -> left.isEmpty(), progress);
      }
      remaining.removeAll(delivered);
      if (!remaining.isEmpty() && delivered.isEmpty() && knownEntries().equals(knownBefore)) {
        throw missingBlob(remaining.iterator().next());
      }
    }
    return passes;
  }

  /**
   * Opens one layer's blob: reads the save stream up to it and returns a stream over that
   * entry, which closes the save stream when closed. When the blob's entry is not known yet and
   * is not named by the diff id, one pass learns the names from the manifest first.
   */
  InputStream openLayer(SaveStreamOpener opener, int layerIndex, ProgressListener progress) throws IOException {
    InputStream blob = tryOpenLayer(opener, layerIndex, progress);
    if (blob != null) {
      return blob;
    }
    try (InputStream saveTar = opener.open()) {
      scan(saveTar, Set.of(), (index, in) -> {}, left -> entryOf(layerIndex) != null, progress);
    }
    blob = tryOpenLayer(opener, layerIndex, progress);
    if (blob == null) {
      throw missingBlob(layerIndex);
    }
    return blob;
  }

  /**
   * Reads the save stream until the config blob went by and returns it, or null when the
   * stream has no config with this image's diff ids.
   */
  byte[] readConfig(SaveStreamOpener opener, ProgressListener progress) throws IOException {
    if (configJson() == null) {
      try (InputStream saveTar = opener.open()) {
        scan(saveTar, Set.of(), (index, in) -> {}, left -> configJson() != null, progress);
      }
    }
    return configJson();
  }

  private synchronized Set<Integer> scan(InputStream saveTar, Set<Integer> wanted, BlobConsumer consumer,
      StopCondition stop, ProgressListener progress) throws IOException {
    Set<Integer> remaining = new LinkedHashSet<>(wanted);
    Set<Integer> delivered = new LinkedHashSet<>();
    SaveManifests metadata = new SaveManifests(diffIds);
    long[] bufferedBytes = {0};

    TarArchiveInputStream tar = new TarArchiveInputStream(saveTar);
    TarArchiveEntry entry;
    while ((entry = nextEntry(tar)) != null) {
      progress.checkCancelled();
      if (!entry.isFile()) {
        continue;
      }
      String name = SaveManifests.normalize(entry.getName());
      List<Integer> layers = layersOf(name, entry.getSize());
      for (int layer : layers) {
        // A legacy manifest.json names layer files without sizes; the tar header has it.
        blobSizes.putIfAbsent(layer, entry.getSize());
      }
      List<Integer> pending = new ArrayList<>(layers);
      pending.retainAll(remaining);

      if (!pending.isEmpty()) {
        List<Integer> handed = deliver(tar, name, entry.getSize(), pending, consumer, progress);
        remaining.removeAll(handed);
        delivered.addAll(handed);
      } else if (layers.isEmpty() && isMetadataCandidate(name, entry.getSize())) {
        bufferMetadata(tar, name, entry.getSize(), metadata, bufferedBytes);
      } else if (layers.isEmpty() && LEGACY_JSON.matcher(name).matches() && entry.getSize() <= limits.maxMetadataSize()) {
        recordLegacyParent(name, readBounded(tar, name, entry.getSize()));
      }

      if (stop.reached(remaining)) {
        break;
      }
    }
    return delivered;
  }

  private InputStream tryOpenLayer(SaveStreamOpener opener, int layerIndex, ProgressListener progress)
      throws IOException {
    InputStream saveTar = opener.open();
    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(saveTar);
      TarArchiveEntry entry;
      while ((entry = nextEntry(tar)) != null) {
        progress.checkCancelled();
        if (entry.isFile() && layersOf(SaveManifests.normalize(entry.getName()), entry.getSize()).contains(layerIndex)) {
          return tar;
        }
      }
      saveTar.close();
      return null;
    } catch (IOException | RuntimeException e) {
      saveTar.close();
      throw e;
    }
  }

  private synchronized Map<String, List<Integer>> knownEntries() {
    return new HashMap<>(layersByEntry);
  }

  private ImageReadException missingBlob(int layerIndex) {
    return new ImageReadException(imageName, "#" + layerIndex + " " + diffIds.get(layerIndex), null,
        "the daemon's save stream has no blob for this layer; the image may have changed while it was read");
  }

  /** Returns the tar entry that contains a layer, or null while unknown. */
  synchronized String entryOf(int layerIndex) {
    for (Map.Entry<String, List<Integer>> known : layersByEntry.entrySet()) {
      if (known.getValue().contains(layerIndex)) {
        return known.getKey();
      }
    }
    return null;
  }

  /** Returns the digest of the layer's blob as the save stream stores it, or null while unknown. */
  synchronized Digest blobDigest(int layerIndex) {
    return blobDigests.get(layerIndex);
  }

  /** Returns the media type of the layer's blob, or null while unknown. */
  synchronized String mediaType(int layerIndex) {
    return mediaTypes.get(layerIndex);
  }

  /** Returns the size of the layer's blob in the save stream, or -1 while unknown. */
  synchronized long blobSize(int layerIndex) {
    return blobSizes.getOrDefault(layerIndex, -1L);
  }

  /** Returns the image's config blob from the save stream, or null when no pass has seen it. */
  synchronized byte[] configJson() {
    return configJson == null ? null : configJson.clone();
  }

  private synchronized List<Integer> layersOf(String name, long size) {
    List<Integer> known = layersByEntry.get(name);
    if (known != null) {
      return known;
    }
    Matcher legacy = LEGACY_LAYER.matcher(name);
    if (legacy.matches()) {
      return legacyLayer(name, legacy.group(1), size);
    }
    Digest digest = namedDigest(name);
    if (digest == null) {
      return List.of();
    }
    List<Integer> layers = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      if (diffIds.get(i).equals(digest)) {
        layers.add(i);
      }
    }
    if (!layers.isEmpty()) {
      record(name, layers, digest, size);
      layers.forEach(layer -> mediaTypes.put(layer, MediaType.OCI_LAYER));
    }
    return layers;
  }

  /** Returns the digest an entry is named by ({@code blobs/<algorithm>/<hex>} or {@code <sha256 hex>.tar}), or null. */
  private static Digest namedDigest(String name) {
    Matcher blob = BLOB.matcher(name);
    if (blob.matches()) {
      return new Digest(blob.group(1), blob.group(2));
    }
    Matcher diffIdTar = DIFF_ID_TAR.matcher(name);
    return diffIdTar.matches() ? new Digest("sha256", diffIdTar.group(1)) : null;
  }

  /**
   * Locates a legacy {@code layer.tar} by its depth in the v1 parent chain, when the {@code json}
   * of the folder and of all its ancestors came earlier in the stream. A save of one image has
   * one chain, so depth {@code d} is layer {@code d}; the bottom layer is always found this way.
   */
  private List<Integer> legacyLayer(String name, String v1Id, long size) {
    int depth = 0;
    String parent = legacyParents.get(v1Id);
    while (parent != null && !parent.isEmpty() && depth < diffIds.size()) {
      depth++;
      parent = legacyParents.get(parent);
    }
    if (parent == null || depth >= diffIds.size()) {
      return List.of();
    }
    List<Integer> layers = List.of(depth);
    record(name, layers, diffIds.get(depth), size);
    mediaTypes.put(depth, MediaType.OCI_LAYER);
    return layers;
  }

  private void recordLegacyParent(String name, byte[] json) {
    JsonNode parent = SaveManifests.parse(json).path("parent");
    String v1Id = name.substring(0, name.indexOf('/'));
    String parentId = parent.isTextual() ? parent.asText() : "";
    legacyParents.put(v1Id, parentId.startsWith("sha256:") ? parentId.substring("sha256:".length()) : parentId);
  }

  private void record(String name, List<Integer> layers, Digest blobDigest, long size) {
    layersByEntry.put(name, List.copyOf(layers));
    for (int layer : layers) {
      blobDigests.put(layer, blobDigest);
      if (size >= 0) {
        blobSizes.put(layer, size);
      }
    }
  }

  /**
   * Hands a blob to the consumer. The same blob can be several layers with identical diff ids.
   * A small blob is buffered and delivered to each of them. A large one goes to the first, and
   * the others wait for another pass.
   */
  private List<Integer> deliver(TarArchiveInputStream tar, String name, long size, List<Integer> pending,
      BlobConsumer consumer, ProgressListener progress) throws IOException {
    if (pending.size() == 1 || size > limits.maxMetadataSize()) {
      consumer.accept(pending.get(0), new EntryStream(tar));
      return List.of(pending.get(0));
    }
    byte[] bytes = readBounded(tar, name, size);
    for (int layer : pending) {
      progress.checkCancelled();
      consumer.accept(layer, new ByteArrayInputStream(bytes));
    }
    return pending;
  }

  private boolean isMetadataCandidate(String name, long size) {
    if (size > limits.maxMetadataSize() || size <= 0) {
      return false;
    }
    boolean topLevelJson = name.indexOf('/') < 0 && name.endsWith(".json");
    return topLevelJson || BLOB.matcher(name).matches();
  }

  private void bufferMetadata(TarArchiveInputStream tar, String name, long size,
      SaveManifests metadata, long[] bufferedBytes) throws IOException {
    if (bufferedBytes[0] + size > maxBufferedMetadata) {
      LOG.warn("Not buffering {} of the save stream of {}: over {} bytes of JSON already buffered", name, imageName,
          maxBufferedMetadata);
      return;
    }
    byte[] bytes = readBounded(tar, name, size);
    if (!startsLikeJson(bytes)) {
      return;
    }
    JsonNode json = SaveManifests.parse(bytes);
    if (!json.isContainerNode()) {
      return;
    }
    metadata.add(name, bytes, json);
    bufferedBytes[0] += bytes.length;
    if (configJson == null && metadata.isConfigOfImage(json)) {
      configJson = bytes;
    }
    for (SaveManifests.LocatedBlob blob : metadata.locate()) {
      recordPosition(blob);
    }
  }

  private void recordPosition(SaveManifests.LocatedBlob blob) {
    List<Integer> layers = new ArrayList<>(layersByEntry.getOrDefault(blob.entry(), List.of()));
    if (!layers.contains(blob.layerIndex())) {
      layers.add(blob.layerIndex());
      layers.sort(null);
      layersByEntry.put(blob.entry(), List.copyOf(layers));
    }
    blobDigests.put(blob.layerIndex(), blob.digest());
    if (blob.mediaType() != null) {
      mediaTypes.put(blob.layerIndex(), blob.mediaType());
    }
    if (blob.size() >= 0) {
      blobSizes.put(blob.layerIndex(), blob.size());
    }
  }

  private byte[] readBounded(InputStream in, String name, long size) throws IOException {
    if (size > limits.maxMetadataSize()) {
      throw new ImageReadException(imageName, null, name,
          "entry of " + size + " bytes is larger than the metadata limit of " + limits.maxMetadataSize() + " bytes");
    }
    byte[] bytes = in.readNBytes((int) size);
    if (bytes.length != size) {
      throw new ImageReadException(imageName, null, name,
          "save stream ended after " + bytes.length + " of " + size + " bytes; the daemon closed the connection");
    }
    return bytes;
  }

  private TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      throw new ImageReadException(imageName, null, null,
          "the docker save stream is not a valid tar (" + e.getMessage() + "); the daemon may have failed mid-stream", e);
    }
  }

  private static boolean startsLikeJson(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '{' || b == '[') {
        return true;
      }
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return false;
  }





  /** The current tar entry as a stream whose {@code close()} leaves the save stream open. */
  private static final class EntryStream extends FilterInputStream {
    EntryStream(InputStream tar) {
      super(tar);
    }

    @Override
    public void close() {
      // The caller owns the save stream; the scanner moves on to the next entry.
    }
  }
}
