package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.LimitExceededException;
import io.hullscope.image.Limits;
import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import io.hullscope.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class LayerIndexerTest {

  private final LayerIndexer indexer = new LayerIndexer(Limits.DEFAULT);

  @Test
  void recordsFileSizeModeAndOwner() throws IOException {
    LayerIndex index = index(new TarBuilder().file("usr/bin/su", new byte[12], 04755, 0, 42).build());

    FileEntry su = only(index, "usr/bin/su");
    assertThat(su.type()).isEqualTo(EntryType.FILE);
    assertThat(su.size()).isEqualTo(12);
    assertThat(su.mode()).isEqualTo(04755);
    assertThat(su.isSetuid()).isTrue();
    assertThat(su.uid()).isZero();
    assertThat(su.gid()).isEqualTo(42);
    assertThat(su.modified()).isEqualTo(TarBuilder.FIXED_MTIME_SECONDS);
  }

  @Test
  void recordsSetgidDirectory() throws IOException {
    LayerIndex index = index(new TarBuilder().dir("var/mail", 02775).build());

    FileEntry mail = only(index, "var/mail");
    assertThat(mail.type()).isEqualTo(EntryType.DIRECTORY);
    assertThat(mail.isSetgid()).isTrue();
  }

  @Test
  void keepsSymlinkTargetAsWritten() throws IOException {
    LayerIndex index = index(new TarBuilder().symlink("bin/sh", "../usr/bin/dash").build());

    FileEntry sh = only(index, "bin/sh");
    assertThat(sh.type()).isEqualTo(EntryType.SYMLINK);
    assertThat(sh.linkTarget()).isEqualTo("../usr/bin/dash");
  }

  @Test
  void normalizesHardlinkTarget() throws IOException {
    LayerIndex index = index(new TarBuilder().file("a", "x").hardlink("b", "./a").build());

    FileEntry link = index.entries().get(1);
    assertThat(link.type()).isEqualTo(EntryType.HARDLINK);
    assertThat(link.linkTarget()).isEqualTo("a");
  }

  @Test
  void recordsDevicesAndFifos() throws IOException {
    TarBuilder tar = new TarBuilder();
    tar.put(new TarArchiveEntry("dev/null", TarConstants.LF_CHR), null);
    tar.put(new TarArchiveEntry("dev/sda", TarConstants.LF_BLK), null);
    tar.put(new TarArchiveEntry("run/pipe", TarConstants.LF_FIFO), null);

    LayerIndex index = index(tar.build());

    assertThat(index.entries()).extracting(FileEntry::type)
        .containsExactly(EntryType.CHAR_DEVICE, EntryType.BLOCK_DEVICE, EntryType.FIFO);
  }

  @Test
  void whiteoutBecomesDeletion() throws IOException {
    LayerIndex index = index(new TarBuilder().whiteout("etc/old.conf").whiteout("top").build());

    assertThat(index.deletions()).containsExactly("etc/old.conf", "top");
    assertThat(index.entries()).isEmpty();
  }

  @Test
  void opaqueMarkerBecomesOpaqueDirectory() throws IOException {
    LayerIndex index = index(new TarBuilder().dir("app").opaque("app").file("app/new", "x").build());

    assertThat(index.opaqueDirectories()).containsExactly("app");
    assertThat(index.entries()).extracting(FileEntry::path).containsExactly("app", "app/new");
  }

  @Test
  void opaqueMarkerAtRootMakesRootOpaque() throws IOException {
    LayerIndex index = index(new TarBuilder().opaque("").file("new", "x").build());

    assertThat(index.opaqueDirectories()).containsExactly("");
  }

  @Test
  void aufsMetadataIsIgnored() throws IOException {
    LayerIndex index = index(new TarBuilder().file(".wh..wh.plnk/1.2", "x").file(".wh..wh.aufs", "").build());

    assertThat(index.entries()).isEmpty();
    assertThat(index.deletions()).isEmpty();
  }

  @Test
  void rootEntryIsSkipped() throws IOException {
    LayerIndex index = index(new TarBuilder().dir("./").file("./a", "x").build());

    assertThat(index.entries()).extracting(FileEntry::path).containsExactly("a");
  }

  @Test
  void absolutePathIsMadeRelative() throws IOException {
    TarBuilder tar = new TarBuilder();
    TarArchiveEntry entry = new TarArchiveEntry("/etc//hosts", true);
    entry.setSize(1);
    tar.put(entry, new byte[] {'x'});

    assertThat(index(tar.build()).entries()).extracting(FileEntry::path).containsExactly("etc/hosts");
  }

  @Test
  void duplicateEntriesAreKeptInTarOrder() throws IOException {
    LayerIndex index = index(new TarBuilder().file("a", "first").file("a", "second!").build());

    assertThat(index.entries()).extracting(FileEntry::size).containsExactly(5L, 7L);
  }

  @Test
  void gnuLongNameAndLongLinkAreRead() throws IOException {
    String longName = "d/" + "n".repeat(150);
    String longTarget = "/" + "t".repeat(150);

    LayerIndex index = index(new TarBuilder().file(longName, "x").symlink("link", longTarget).build());

    assertThat(index.entries()).extracting(FileEntry::path).containsExactly(longName, "link");
    assertThat(index.entries().get(1).linkTarget()).isEqualTo(longTarget);
  }

  @Test
  void nonUtf8HeaderNameIsKeptByteExact() throws IOException {
    byte[] raw = HexFormat.of().parseHex("6361 66e9".replace(" ", "")); // "caf" + 0xe9

    LayerIndex index = index(new TarBuilder().rawNameFile(raw, "x").build());

    String path = index.entries().get(0).path();
    assertThat(EntryNames.encode(path)).isEqualTo(raw);
    assertThat(EntryNames.display(path)).isEqualTo("caf\\xe9");
  }

  @Test
  void paxPathOverridesHeaderName() throws IOException {
    TarBuilder tar = new TarBuilder();
    pax(tar, Map.of("path", "caf\u00e9/\u20ac".getBytes(StandardCharsets.UTF_8)));
    tar.file("ascii-name", "x");

    assertThat(index(tar.build()).entries()).extracting(FileEntry::path).containsExactly("caf\u00e9/\u20ac");
  }

  @Test
  void paxPathKeepsInvalidUtf8() throws IOException {
    byte[] raw = {'b', 'i', 'n', '/', (byte) 0xff, (byte) 0xfe};
    TarBuilder tar = new TarBuilder();
    pax(tar, Map.of("path", raw));
    tar.file("placeholder", "x");

    assertThat(EntryNames.encode(index(tar.build()).entries().get(0).path())).isEqualTo(raw);
  }

  @Test
  void paxEmptyPathUsesHeaderName() throws IOException {
    TarBuilder tar = new TarBuilder();
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("path", "ignored".getBytes(StandardCharsets.UTF_8));
    records.put("path ", new byte[0]); // the trailing space is trimmed below: a second, empty path record
    pax(tar, records);
    tar.file("header-name", "x");

    assertThat(index(tar.build()).entries()).extracting(FileEntry::path).containsExactly("header-name");
  }

  @Test
  void overlongPaxPathIsRejected() {
    TarBuilder tar = new TarBuilder();
    pax(tar, Map.of("path", "a/".repeat(40_000).getBytes(StandardCharsets.US_ASCII)));
    tar.file("placeholder", "x");

    ImageReadException error = failure(FakeLayer.plain(0, tar.build()));

    assertThat(error.getMessage()).contains("longer than 65536 bytes");
    assertThat(error.entry()).hasSize(203);
  }

  @Test
  void paxSizeAndOwnerAreApplied() throws IOException {
    TarBuilder tar = new TarBuilder();
    tar.paxFile("big-owner", Map.of("uid", "3000000000", "gid", "7"), "abc");

    FileEntry entry = index(tar.build()).entries().get(0);
    assertThat(entry.uid()).isEqualTo(3_000_000_000L);
    assertThat(entry.gid()).isEqualTo(7);
    assertThat(entry.size()).isEqualTo(3);
  }

  @Test
  void measuresUncompressedSizeAndDigests() throws IOException {
    byte[] tar = new TarBuilder().file("a", "hello").build();
    FakeLayer layer = FakeLayer.gzip(0, tar);

    LayerIndex index = indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);

    assertThat(index.uncompressedSize()).isEqualTo(tar.length);
    assertThat(index.diffId()).isEqualTo(Digest.sha256Of(tar));
    assertThat(index.blobDigest()).isEqualTo(Digest.sha256Of(layer.blob()));
  }

  @Test
  void digestsCoverLayerLargerThanHashBuffers() throws IOException {
    byte[] noise = new byte[5 << 20];
    new java.util.Random(7).nextBytes(noise);
    byte[] tar = new TarBuilder().file("noise", noise, 0644).file("after", "x").build();
    FakeLayer layer = FakeLayer.gzip(0, tar);

    LayerIndex index = indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);

    assertThat(index.diffId()).isEqualTo(Digest.sha256Of(tar));
    assertThat(index.blobDigest()).isEqualTo(Digest.sha256Of(layer.blob()));
    assertThat(index.entries()).hasSize(2);
  }

  @Test
  void indexesZstdLayer() throws IOException {
    byte[] tar = new TarBuilder().file("z", "zstd content").build();
    FakeLayer layer = FakeLayer.stored(0, Zstd.compress(tar));

    LayerIndex index = indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);

    assertThat(index.entries()).extracting(FileEntry::path).containsExactly("z");
    assertThat(index.diffId()).isEqualTo(Digest.sha256Of(tar));
  }

  @Test
  void indexesPlainTarLayer() throws IOException {
    byte[] tar = new TarBuilder().file("p", "plain").build();
    FakeLayer layer = FakeLayer.plain(0, tar);

    LayerIndex index = indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);

    assertThat(index.entries()).extracting(FileEntry::path).containsExactly("p");
  }

  @Test
  void wrongBlobDigestIsReported() {
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("a", "x").build())
        .withDigests(Digest.sha256Of(new byte[] {1}), null);

    assertThatThrownBy(() -> indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(FakeImage.NAME)
        .hasMessageContaining(Digest.sha256Of(new byte[] {1}).toString());
  }

  @Test
  void wrongBlobDigestOfPlainTarIsReported() {
    Digest wrong = Digest.sha256Of(new byte[] {3});
    byte[] tar = new TarBuilder().file("a", "x").build();
    FakeLayer layer = FakeLayer.plain(0, tar).withDigests(wrong, Digest.sha256Of(tar));

    assertThatThrownBy(() -> indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(wrong.toString());
  }

  @Test
  void wrongDiffIdIsReported() {
    byte[] tar = new TarBuilder().file("a", "x").build();
    Digest wrong = Digest.sha256Of(new byte[] {2});
    FakeLayer layer = FakeLayer.gzip(3, tar).withDigests(null, wrong);

    assertThatThrownBy(() -> indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(DigestMismatchException.class)
        .satisfies(e -> assertThat(((ImageReadException) e).layer()).startsWith("3 (" + wrong));
  }

  @Test
  void dotDotEscapingRootIsRejected() {
    TarBuilder tar = new TarBuilder();
    TarArchiveEntry entry = new TarArchiveEntry("a/../../etc/cron.d/evil", true);
    tar.put(entry, new byte[0]);

    ImageReadException error = failure(FakeLayer.gzip(2, tar.build()));

    assertThat(error.image()).isEqualTo(FakeImage.NAME);
    assertThat(error.layer()).startsWith("2 (sha256:");
    assertThat(error.entry()).isEqualTo("a/../../etc/cron.d/evil");
    assertThat(error.getMessage()).contains("leaves the image root");
  }

  @Test
  void hardlinkTargetEscapingRootIsRejected() {
    ImageReadException error = failure(FakeLayer.gzip(0, new TarBuilder().hardlink("x", "../../etc/shadow").build()));

    assertThat(error.entry()).isEqualTo("x");
    assertThat(error.getMessage()).contains("hardlink target");
  }

  @Test
  void truncatedGzipStreamIsReported() {
    byte[] blob = TarBuilder.gzip(new TarBuilder().file("big", new byte[100_000], 0644).build());
    byte[] cut = Arrays.copyOf(blob, blob.length / 2);

    ImageReadException error = failure(new FakeLayer(0, cut, null, null));

    assertThat(error.getMessage()).contains("truncated");
    assertThat(error.getCause()).isNotNull();
  }

  @Test
  void entryLongerThanRemainingStreamIsReported() {
    byte[] tar = new TarBuilder().file("big", new byte[10_000], 0644).build();
    byte[] cut = Arrays.copyOf(tar, 512 + 4000);

    ImageReadException error = failure(new FakeLayer(0, cut, null, null));

    assertThat(error.entry()).isEqualTo("big");
    assertThat(error.getMessage()).contains("truncated");
  }

  @Test
  void garbageBlobIsReported() {
    byte[] garbage = new byte[2048];
    Arrays.fill(garbage, (byte) 'x');

    ImageReadException error = failure(new FakeLayer(0, garbage, null, null));

    assertThat(error.getMessage()).contains("not a readable tar");
  }

  @Test
  void decompressionBombIsStoppedByExpandedSizeLimit() {
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("zeros", new byte[4 << 20], 0644).build());
    LayerIndexer limited = new LayerIndexer(Limits.DEFAULT.withMaxExpandedLayerSize(1 << 20));

    assertThatThrownBy(() -> limited.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("uncompressed layer size")
        .satisfies(e -> assertThat(((ImageReadException) e).entry()).isEqualTo("zeros"));
  }

  @Test
  void decompressionBombIsStoppedByCompressionRatio() {
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("zeros", new byte[8 << 20], 0644).build());
    LayerIndexer limited = new LayerIndexer(Limits.DEFAULT.withMaxCompressionRatio(50));

    assertThatThrownBy(() -> limited.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("compression ratio");
  }

  @Test
  void tooManyEntriesAreStopped() {
    TarBuilder tar = new TarBuilder();
    for (int i = 0; i < 11; i++) {
      tar.file("f" + i, "");
    }
    FakeLayer layer = FakeLayer.gzip(0, tar.build());
    LayerIndexer limited = new LayerIndexer(Limits.DEFAULT.withMaxEntriesPerLayer(10));

    assertThatThrownBy(() -> limited.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("number of entries")
        .satisfies(e -> assertThat(((ImageReadException) e).entry()).isEqualTo("f10"));
  }

  @Test
  void entryLargerThanLimitIsStopped() {
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("small", "ok").file("huge", new byte[2000], 0644).build());
    Limits limits = new Limits(1000, 1L << 30, 100, 1 << 20, 1000);

    assertThatThrownBy(() -> new LayerIndexer(limits).index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("file size 2000")
        .satisfies(e -> assertThat(((ImageReadException) e).entry()).isEqualTo("huge"));
  }

  @Test
  void cancellationStopsBetweenEntries() {
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("a", "1").file("b", "2").build());
    AtomicInteger checks = new AtomicInteger();
    ProgressListener cancelAfterFirst = new ProgressListener() {
      @Override
      public boolean isCancelled() {
        return checks.incrementAndGet() > 1;
      }
    };

    assertThatThrownBy(() -> indexer.index(FakeImage.NAME, layer, layer.open(), cancelAfterFirst))
        .isInstanceOf(OperationCancelledException.class);
    assertThat(checks.get()).isEqualTo(2);
  }

  @Test
  void interruptedThreadEndsInCancellation() {
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("big", new byte[3 << 20], 0644).build());

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
          .isInstanceOf(OperationCancelledException.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void progressEndsAtStoredSize() throws IOException {
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("a", "1").build());
    AtomicLong last = new AtomicLong(-1);
    ProgressListener progress = new ProgressListener() {
      @Override
      public void progress(long done, long total) {
        last.set(done);
        assertThat(total).isEqualTo(layer.size());
      }
    };

    indexer.index(FakeImage.NAME, layer, layer.open(), progress);

    assertThat(last.get()).isEqualTo(layer.size());
  }

  @Test
  void fileInterestReceivesWantedFilesOnly() throws IOException {
    List<String> seen = new ArrayList<>();
    FileInterest passwd = new FileInterest() {
      @Override
      public boolean wants(int layer, FileEntry entry) {
        return entry.path().equals("etc/passwd");
      }

      @Override
      public void accept(int layer, FileEntry entry, InputStream content) throws IOException {
        seen.add(layer + ":" + new String(content.readAllBytes(), StandardCharsets.UTF_8));
      }
    };
    byte[] tar = new TarBuilder().file("etc/group", "root:x:0:").file("etc/passwd", "root:x:0:0").file("z", "after").build();
    FakeLayer layer = FakeLayer.gzip(4, tar);

    LayerIndex index = new LayerIndexer(Limits.DEFAULT, List.of(passwd))
        .index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);

    assertThat(seen).containsExactly("4:root:x:0:0");
    assertThat(index.entries()).hasSize(3);
  }

  @Test
  void fileInterestMayLeaveContentUnread() throws IOException {
    FileInterest firstByteOnly = new FileInterest() {
      @Override
      public boolean wants(int layer, FileEntry entry) {
        return true;
      }

      @Override
      public void accept(int layer, FileEntry entry, InputStream content) throws IOException {
        content.read();
        content.close();
      }
    };
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("a", "abcdef").file("b", "ghi").build());

    LayerIndex index = new LayerIndexer(Limits.DEFAULT, List.of(firstByteOnly))
        .index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);

    assertThat(index.entries()).extracting(FileEntry::path).containsExactly("a", "b");
  }

  @Test
  void failingFileInterestIsNamedInError() {
    FileInterest broken = new FileInterest() {
      @Override
      public boolean wants(int layer, FileEntry entry) {
        return true;
      }

      @Override
      public void accept(int layer, FileEntry entry, InputStream content) throws IOException {
        throw new IOException("bad database format");
      }
    };
    FakeLayer layer = FakeLayer.gzip(0, new TarBuilder().file("var/lib/dpkg/status", "x").build());

    assertThatThrownBy(() -> new LayerIndexer(Limits.DEFAULT, List.of(broken))
        .index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("var/lib/dpkg/status")
        .hasMessageContaining("failed on this file (bad database format)");
  }

  private LayerIndex index(byte[] tar) throws IOException {
    FakeLayer layer = FakeLayer.gzip(0, tar);
    return indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);
  }

  private ImageReadException failure(FakeLayer layer) {
    try {
      indexer.index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);
    } catch (ImageReadException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError("expected an ImageReadException", e);
    }
    throw new AssertionError("indexing succeeded");
  }

  private static FileEntry only(LayerIndex index, String path) {
    assertThat(index.entries()).extracting(FileEntry::path).containsExactly(path);
    return index.entries().get(0);
  }

  /** Adds a PAX extended header with raw record values; keys are trimmed. */
  private static void pax(TarBuilder tar, Map<String, byte[]> records) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    records.forEach((key, value) -> {
      byte[] keyBytes = key.trim().getBytes(StandardCharsets.US_ASCII);
      int base = 1 + keyBytes.length + 1 + value.length + 1;
      int length = base + String.valueOf(base).length();
      if (String.valueOf(length).length() != String.valueOf(base).length()) {
        length++;
      }
      content.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
      content.writeBytes(keyBytes);
      content.write('=');
      content.writeBytes(value);
      content.write('\n');
    });
    TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/entry", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
    header.setSize(content.size());
    tar.put(header, content.toByteArray());
  }
}
