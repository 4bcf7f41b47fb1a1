package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.hullscope.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompressionTest {

  @ParameterizedTest
  @CsvSource({
      "1f8b0800, GZIP",
      "1f8b, GZIP",
      "28b52ffd, ZSTD",
      "28b52f, NONE",
      "2e2f6574, NONE",
      "1f, NONE",
      "'', NONE"
  })
  void detectReadsMagicBytes(String hex, Compression expected) {
    byte[] head = HexFormat.of().parseHex(hex);

    assertThat(Compression.detect(head, head.length)).isEqualTo(expected);
  }

  @Test
  void decompressReadsGzip() throws IOException {
    byte[] tar = new TarBuilder().file("a", "hello").build();

    assertThat(decompressed(TarBuilder.gzip(tar))).isEqualTo(tar);
  }

  @Test
  void decompressReadsZstd() throws IOException {
    byte[] tar = new TarBuilder().file("a", "hello").build();

    assertThat(decompressed(Zstd.compress(tar))).isEqualTo(tar);
  }

  @Test
  void decompressPassesPlainTarThrough() throws IOException {
    byte[] tar = new TarBuilder().file("a", "hello").build();

    assertThat(decompressed(tar)).isEqualTo(tar);
  }

  @Test
  void decompressReadsConcatenatedGzipMembers() throws IOException {
    byte[] first = TarBuilder.gzip(new byte[] {1, 2, 3});
    byte[] second = TarBuilder.gzip(new byte[] {4, 5});
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);

    assertThat(decompressed(both)).containsExactly(1, 2, 3, 4, 5);
  }

  private static byte[] decompressed(byte[] blob) throws IOException {
    try (InputStream in = Compression.decompress(new ByteArrayInputStream(blob))) {
      return in.readAllBytes();
    }
  }
}
