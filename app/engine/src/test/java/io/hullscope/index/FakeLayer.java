package io.hullscope.index;

import io.hullscope.image.Digest;
import io.hullscope.image.Layer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A layer over a byte array that counts how often it is opened. */
public final class FakeLayer implements Layer {

  private final int index;
  private final byte[] blob;
  private final Digest blobDigest;
  private final Digest diffId;
  public final AtomicInteger opens = new AtomicInteger();

  public FakeLayer(int index, byte[] blob, Digest blobDigest, Digest diffId) {
    this.index = index;
    this.blob = blob;
    this.blobDigest = blobDigest;
    this.diffId = diffId;
  }

  /** Creates a gzip layer whose digests match its content. */
  public static FakeLayer gzip(int index, byte[] tar) {
    byte[] blob = io.hullscope.testing.TarBuilder.gzip(tar);
    return new FakeLayer(index, blob, Digest.sha256Of(blob), Digest.sha256Of(tar));
  }

  /** Creates a plain tar layer whose digests match its content. */
  public static FakeLayer plain(int index, byte[] tar) {
    return new FakeLayer(index, tar, Digest.sha256Of(tar), Digest.sha256Of(tar));
  }

  /** Creates a layer from a stored blob, with digests computed from its content. */
  public static FakeLayer stored(int index, byte[] blob) {
    try (InputStream in = Compression.decompress(new ByteArrayInputStream(blob))) {
      return new FakeLayer(index, blob, Digest.sha256Of(blob), Digest.sha256Of(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FakeLayer withDigests(Digest newBlobDigest, Digest newDiffId) {
    return new FakeLayer(index, blob, newBlobDigest, newDiffId);
  }

  public byte[] blob() {
    return blob;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public Digest blobDigest() {
    return blobDigest;
  }

  @Override
  public Digest diffId() {
    return diffId;
  }

  @Override
  public long size() {
    return blob.length;
  }

  @Override
  public String mediaType() {
    return "application/vnd.oci.image.layer.v1.tar+gzip";
  }

  @Override
  public InputStream open() {
    opens.incrementAndGet();
    return new ByteArrayInputStream(blob);
  }
}
