package io.hullscope.index;

import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

/**
 * The chain of streams over one layer blob: stored bytes (counted, hashed), decompression,
 * uncompressed tar bytes (counted, hashed, bounded by the limits) and the tar reader on top.
 * Closing it releases the decompressor but leaves the caller's blob stream open.
 */
final class LayerStreams implements Closeable {

  private static final int BUFFER_SIZE = 64 * 1024;

  private final Layer layer;
  private final MeteredInputStream stored;
  private final InputStream buffered;
  private final MeteredInputStream tarBytes;
  private final RawNameTarStream tar;
  private Digest storedDigest;
  private Digest tarDigest;

  private LayerStreams(Layer layer, MeteredInputStream stored, InputStream buffered,
      MeteredInputStream tarBytes) {
    this.layer = layer;
    this.stored = stored;
    this.buffered = buffered;
    this.tarBytes = tarBytes;
    this.tar = new RawNameTarStream(tarBytes);
  }

  static LayerStreams open(InputStream blob, Layer layer, Limits limits) throws IOException {
    Digest expectedBlob = layer.blobDigest();
    Digest expectedDiff = layer.diffId();
    MeteredInputStream stored = new MeteredInputStream(new UnclosableInputStream(blob),
        expectedBlob != null ? expectedBlob.newMessageDigest() : Digest.newSha256(), Long.MAX_VALUE, null, 0);
    BufferedInputStream buffered = new BufferedInputStream(stored, BUFFER_SIZE);
    Compression compression = Compression.detect(buffered);
    MeteredInputStream tarBytes = new MeteredInputStream(compression.wrap(buffered),
        expectedDiff != null ? expectedDiff.newMessageDigest() : Digest.newSha256(),
        limits.maxExpandedLayerSize(),
        compression == Compression.NONE ? null : stored,
        limits.maxCompressionRatio());
    return new LayerStreams(layer, stored, buffered, tarBytes);
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
    byte[] buffer = new byte[BUFFER_SIZE];
    while (buffered.read(buffer) >= 0) {
      // the stored stream below hashes what passes
    }
    storedDigest = finish(stored, layer.blobDigest());
    tarDigest = finish(tarBytes, layer.diffId());
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

  private static Digest finish(MeteredInputStream stream, Digest expected) {
    String algorithm = expected != null ? expected.algorithm() : "sha256";
    return new Digest(algorithm, HexFormat.of().formatHex(stream.digest()));
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
