package io.hullscope.index;

import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain of streams over one layer blob: stored bytes (counted, hashed), decompression,
 * uncompressed tar bytes (counted, hashed, bounded by the limits) and the tar reader on top.
 * Closing it releases the decompressor but leaves the caller's blob stream open.
 */
final class LayerStreams implements Closeable {

  private static final int BUFFER_SIZE = 64 * 1024;

  private final Layer layer;
  private final ParallelHasher hasher;
  private final MeteredInputStream stored;
  private final boolean sameBytes;
  private final MeteredInputStream tarBytes;
  private final RawNameTarStream tar;
  private Digest storedDigest;
  private Digest tarDigest;

  private LayerStreams(Layer layer, ParallelHasher hasher, MeteredInputStream stored, boolean sameBytes,
      MeteredInputStream tarBytes, long maxHeaderSize) {
    this.layer = layer;
    this.hasher = hasher;
    this.stored = stored;
    this.sameBytes = sameBytes;
    this.tarBytes = tarBytes;
    this.tar = new RawNameTarStream(tarBytes, maxHeaderSize);
  }

  /** Opens the chain over a blob; the digests are computed and can be verified after {@link #drain()}. */
  static LayerStreams open(InputStream blob, Layer layer, Limits limits) throws IOException {
    return open(blob, layer, limits, true);
  }

  /** Opens the chain without hashing, for reading a few entries of a layer that was verified before. */
  static LayerStreams openUnhashed(InputStream blob, Layer layer, Limits limits) throws IOException {
    return open(blob, layer, limits, false);
  }

  private static LayerStreams open(InputStream blob, Layer layer, Limits limits, boolean hash) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(new UnclosableInputStream(blob), BUFFER_SIZE);
    Compression compression = Compression.detect(buffered);
    String blobAlgorithm = algorithm(layer.blobDigest());
    String tarAlgorithm = algorithm(layer.diffId());
    // A plain tar blob is its own uncompressed tar, so one hash serves as both digests.
    boolean sameBytes = compression == Compression.NONE && blobAlgorithm.equals(tarAlgorithm);
    ParallelHasher hasher = hash ? new ParallelHasher() : null;
    try {
      MeteredInputStream stored = new MeteredInputStream(buffered,
          hash && !sameBytes ? hasher.lane(newDigest(blobAlgorithm)) : null,
          limits.maxExpandedLayerSize(), "the stored layer size", null, 0);
      MeteredInputStream tarBytes = new MeteredInputStream(compression.wrap(stored),
          hash ? hasher.lane(newDigest(tarAlgorithm)) : null,
          limits.maxExpandedLayerSize(), "the uncompressed layer size",
          compression == Compression.NONE ? null : stored,
          limits.maxCompressionRatio());
      return new LayerStreams(layer, hasher, stored, sameBytes, tarBytes, limits.maxMetadataSize());
    } catch (IOException | RuntimeException e) {
      if (hasher != null) {
        hasher.close();
      }
      throw e;
    }
  }

  private static String algorithm(Digest expected) {
    return expected == null ? "sha256" : expected.algorithm();
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  RawNameTarStream tar() {
    return tar;
  }

  long storedBytes() {
    return stored.count();
  }

  long tarBytes() {
    return tarBytes.count();
  }

  /** Reads what follows the tar's end marker, then what follows the compressed data, so both hashes cover everything. */
  void drain() throws IOException {
    tarBytes.drain();
    stored.drain();
    tarDigest = finish(tarBytes, layer.diffId());
    storedDigest = sameBytes ? new Digest(tarDigest.algorithm(), tarDigest.hex()) : finish(stored, layer.blobDigest());
  }

  /** Digest of the uncompressed tar; valid after {@link #drain()}. */
  Digest tarDigest() {
    return tarDigest;
  }

  /**
   * Checks both digests against the layer's blob digest and diff id, where known, and returns the
   * digest of the stored blob.
   */
  Digest verify(String imageName, String layerName) throws DigestMismatchException {
    if (layer.blobDigest() != null && !layer.blobDigest().equals(storedDigest)) {
      throw new DigestMismatchException(imageName, layerName, null, layer.blobDigest(), storedDigest);
    }
    if (layer.diffId() != null && !layer.diffId().equals(tarDigest)) {
      throw new DigestMismatchException(imageName, layerName, null, layer.diffId(), tarDigest);
    }
    return storedDigest;
  }

  private static Digest finish(MeteredInputStream stream, Digest expected) throws IOException {
    String algorithm = expected != null ? expected.algorithm() : "sha256";
    return new Digest(algorithm, HexFormat.of().formatHex(stream.digest()));
  }

  @Override
  public void close() throws IOException {
    try {
      tar.close();
    } finally {
      if (hasher != null) {
        hasher.close();
      }
    }
  }
}
