package io.hullscope.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs two readers over one forward-only stream at the same time. The first reads the stream on
 * the calling thread. Every byte it reads (or skips) is also queued for the second, which runs on
 * its own thread. When the first stops early, the calling thread goes on reading the stream for the
 * second until that one stops too. At most {@link #QUEUED_PIECES} pieces of up to {@link
 * #PIECE_BYTES} bytes wait in the queue, so memory stays bounded whichever reader is slower.
 */
final class BinaryStreamTee {

  /** A reader of a whole stream, such as {@link Cataloger#read}. */
  interface Reader {
    List<Package> read(InputStream in) throws IOException;
  }

  /** The result of one reader: its packages, or the exception it threw. */
  record Outcome(List<Package> packages, Exception failure) {}

  static final int PIECE_BYTES = 64 * 1024;
  static final int QUEUED_PIECES = 8;
  private static final byte[] END = new byte[0];
  private static final long POLL_MILLIS = 20;

  private BinaryStreamTee() {}

  /** Runs both readers over {@code source} and returns their outcomes, first reader first. */
  static Outcome[] run(InputStream source, Reader first, Reader second) throws IOException {
    Branch branch = new Branch();
    FutureTask<List<Package>> secondTask = new FutureTask<>(() -> {
      try {
        return second.read(branch);
      } finally {
        branch.consumerDone = true;
      }
    });
    Thread thread = new Thread(secondTask, "hullscope-binary-reader");
    thread.setDaemon(true);
    thread.start();
    Tap tap = new Tap(source, branch);
    try {
      Outcome firstOutcome;
      try {
        firstOutcome = new Outcome(first.read(tap), null);
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        firstOutcome = new Outcome(List.of(), e);
      }
      tap.drain();
      return new Outcome[] {firstOutcome, outcome(secondTask)};
    } finally {
      // On a failure of the source or an interrupt, the second reader may wait for bytes forever.
      if (!secondTask.isDone()) {
        thread.interrupt();
      }
    }
  }

  private static Outcome outcome(FutureTask<List<Package>> task) throws InterruptedIOException {
    try {
      return new Outcome(task.get(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a binary reader");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException || cause instanceof RuntimeException) {
        return new Outcome(List.of(), (Exception) cause);
      }
      throw new IllegalStateException("binary reader failed", cause);
    }
  }

  /** The input of the second reader: the queued pieces, then the end. */
  private static final class Branch extends InputStream {
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_PIECES);
    private volatile boolean consumerDone;
    private byte[] piece = new byte[0];
    private int index;
    private boolean ended;

    /** Queues a piece, waiting while the queue is full, unless the reader has stopped. */
    void offer(byte[] bytes) throws InterruptedIOException {
      try {
        while (!consumerDone) {
          if (queue.offer(bytes, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while passing bytes to a binary reader");
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (index == piece.length) {
        if (ended) {
          return -1;
        }
        try {
          piece = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading a binary");
        }
        index = 0;
        if (piece == END) {
          ended = true;
        }
      }
      int count = Math.min(length, piece.length - index);
      System.arraycopy(piece, index, buffer, offset, count);
      index += count;
      return count;
    }
  }

  /** The input of the first reader: the source, with every byte also passed to the branch. */
  private static final class Tap extends InputStream {
    private final InputStream source;
    private final Branch branch;
    private boolean ended;

    Tap(InputStream source, Branch branch) {
      this.source = source;
      this.branch = branch;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      int count = source.read(buffer, offset, Math.min(length, PIECE_BYTES));
      if (count < 0) {
        ended = true;
        branch.offer(END);
        return -1;
      }
      if (count > 0) {
        branch.offer(Arrays.copyOfRange(buffer, offset, offset + count));
      }
      return count;
    }

    /** Reads skipped bytes too, because the branch needs them. */
    @Override
    public long skip(long count) throws IOException {
      byte[] scratch = new byte[(int) Math.min(PIECE_BYTES, Math.max(count, 1))];
      long skipped = 0;
      while (skipped < count) {
        int read = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
        if (read < 0) {
          break;
        }
        skipped += read;
      }
      return skipped;
    }

    /** Goes on reading the source for the branch until its reader stops or the source ends. */
    void drain() throws IOException {
      byte[] scratch = new byte[PIECE_BYTES];
      while (!branch.consumerDone && !ended) {
        read(scratch, 0, scratch.length);
      }
    }
  }
}
