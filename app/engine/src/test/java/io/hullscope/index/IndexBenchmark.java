package io.hullscope.index;

import io.hullscope.image.Digest;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures the cost of indexing layer blobs against a plain decompression of the same blobs.
 * Not a test: the lead's benchmark harness runs it.
 *
 * <p>Usage: {@code IndexBenchmark FOLDER [ROUNDS]}. Every regular file in FOLDER is read as a
 * layer blob (gzip, zstd or plain tar). Each round first decompresses a blob and discards the
 * bytes, then indexes it (decompression, tar parsing, both sha256 digests). The first round warms
 * the JIT and is not counted. Prints one line per blob and a total, with times in milliseconds
 * and the ratio of index time to decompression time.
 */
public final class IndexBenchmark {

  private IndexBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: IndexBenchmark FOLDER [ROUNDS]");
      System.exit(2);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Path> blobs;
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      blobs = files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    PrintStream out = System.out;
    out.printf("%-40s %12s %14s %9s %12s %10s %6s%n",
        "blob", "stored", "uncompressed", "entries", "decompress", "index", "ratio");
    long totalDecompress = 0;
    long totalIndex = 0;
    for (Path blob : blobs) {
      long decompressNanos = Long.MAX_VALUE;
      long indexNanos = Long.MAX_VALUE;
      LayerIndex index = null;
      for (int round = 0; round <= rounds; round++) {
        long start = System.nanoTime();
        long bytes = decompressOnly(blob);
        long decompressed = System.nanoTime() - start;
        start = System.nanoTime();
        index = indexOnce(blob);
        long indexed = System.nanoTime() - start;
        if (round > 0) {
          decompressNanos = Math.min(decompressNanos, decompressed);
          indexNanos = Math.min(indexNanos, indexed);
        }
        if (bytes != index.uncompressedSize()) {
          throw new IllegalStateException("decompression and index disagree on the size of " + blob);
        }
      }
      totalDecompress += decompressNanos;
      totalIndex += indexNanos;
      out.printf(Locale.ROOT, "%-40s %12d %14d %9d %12.1f %10.1f %6.2f%n",
          blob.getFileName(), Files.size(blob), index.uncompressedSize(), index.entries().size(),
          decompressNanos / 1e6, indexNanos / 1e6, (double) indexNanos / decompressNanos);
    }
    out.printf(Locale.ROOT, "%-40s %12s %14s %9s %12.1f %10.1f %6.2f%n", "total (best of " + rounds + " rounds)",
        "", "", "", totalDecompress / 1e6, totalIndex / 1e6, (double) totalIndex / Math.max(1, totalDecompress));
  }

  private static long decompressOnly(Path blob) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (InputStream in = Compression.decompress(new BufferedInputStream(Files.newInputStream(blob), 64 * 1024))) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
      }
    }
    return total;
  }

  private static LayerIndex indexOnce(Path blob) throws IOException {
    Layer layer = new FileLayer(blob);
    try (InputStream in = layer.open()) {
      return new LayerIndexer(Limits.DEFAULT).index("benchmark", layer, in, ProgressListener.NONE);
    }
  }

  /** A layer blob in a file, without known digests. */
  private static final class FileLayer implements Layer {
    private final Path file;

    FileLayer(Path file) {
      this.file = file;
    }

    @Override
    public int index() {
      return 0;
    }

    @Override
    public Digest blobDigest() {
      return null;
    }

    @Override
    public Digest diffId() {
      return null;
    }

    @Override
    public long size() {
      try {
        return Files.size(file);
      } catch (IOException e) {
        return -1;
      }
    }

    @Override
    public String mediaType() {
      return "";
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file);
    }
  }
}
