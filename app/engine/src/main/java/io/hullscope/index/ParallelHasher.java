package io.hullscope.index;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hashes on a second thread what the reading thread passes to its lanes, so that decompression
 * and SHA-256 run side by side. Each lane copies bytes into fixed-size chunks and queues the full
 * ones. A small pool of chunks bounds the memory and slows down a reader that runs ahead.
 *
 * <p>Indexing a layer costs about one decompression plus two SHA-256 passes (stored and
 * uncompressed bytes); on two or more cores this hides most of the hashing.
 */
final class ParallelHasher implements AutoCloseable {

  private static final int CHUNK_SIZE = 256 * 1024;
  private static final int CHUNKS = 8;
  private static final long WAIT_MILLIS = 200;

  private final BlockingQueue<Chunk> pending = new ArrayBlockingQueue<>(CHUNKS + 2);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread worker;

  /** A filled chunk for a digest, or a marker that counts down a latch when reached. */
  private static final class Chunk {
    final MessageDigest digest;
    final byte[] data;
    final int length;
    final CountDownLatch done;

    Chunk(MessageDigest digest, byte[] data, int length, CountDownLatch done) {
      this.digest = digest;
      this.data = data;
      this.length = length;
      this.done = done;
    }
  }

  ParallelHasher() {
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new byte[CHUNK_SIZE]);
    }
    worker = new Thread(this::work, "hullscope-layer-hash");
    worker.setDaemon(true);
    worker.start();
  }

  /** Returns a lane that hashes into {@code digest}; lanes must be used from one thread. */
  Lane lane(MessageDigest digest) {
    return new Lane(digest);
  }

  @Override
  public void close() {
    worker.interrupt();
  }

  private void work() {
    try {
      while (true) {
        Chunk chunk = pending.take();
        if (chunk.done != null) {
          chunk.done.countDown();
        } else {
          chunk.digest.update(chunk.data, 0, chunk.length);
          free.put(chunk.data);
        }
      }
    } catch (InterruptedException e) {
      // close() ends the worker
    }
  }

  private void submit(Chunk chunk) throws InterruptedIOException {
    try {
      while (!pending.offer(chunk, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        checkWorker();
      }
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  private byte[] takeFree() throws InterruptedIOException {
    try {
      byte[] chunk;
      while ((chunk = free.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)) == null) {
        checkWorker();
      }
      return chunk;
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  private void checkWorker() {
    if (!worker.isAlive()) {
      throw new IllegalStateException("the layer hashing thread stopped");
    }
  }

  private static InterruptedIOException interrupted() {
    Thread.currentThread().interrupt();
    return new InterruptedIOException("interrupted while hashing a layer");
  }

  /** Bytes for one digest. */
  final class Lane {
    private final MessageDigest digest;
    private byte[] chunk;
    private int filled;

    private Lane(MessageDigest digest) {
      this.digest = digest;
    }

    void update(byte[] bytes, int offset, int length) throws InterruptedIOException {
      int position = offset;
      int left = length;
      while (left > 0) {
        if (chunk == null) {
          chunk = takeFree();
          filled = 0;
        }
        int n = Math.min(left, chunk.length - filled);
        System.arraycopy(bytes, position, chunk, filled, n);
        filled += n;
        position += n;
        left -= n;
        if (filled == chunk.length) {
          flush();
        }
      }
    }

    /** Waits until every byte passed so far is hashed and returns the digest. */
    byte[] finish() throws InterruptedIOException {
      flush();
      CountDownLatch done = new CountDownLatch(1);
      submit(new Chunk(null, null, 0, done));
      try {
        while (!done.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
          checkWorker();
        }
      } catch (InterruptedException e) {
        throw interrupted();
      }
      return digest.digest();
    }

    private void flush() throws InterruptedIOException {
      if (chunk != null && filled > 0) {
        submit(new Chunk(digest, chunk, filled, null));
        chunk = null;
      }
    }
  }
}
