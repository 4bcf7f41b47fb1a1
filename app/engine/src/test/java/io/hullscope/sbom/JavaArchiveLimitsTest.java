package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaArchiveLimitsTest {

  @ParameterizedTest
  @CsvSource({
    "-1, 10, 10, 10, maxNestingDepth",
    "1, 0, 10, 10, maxEntriesPerArchive",
    "1, 10, 0, 10, maxTotalBytes",
    "1, 10, 10, 0, maxMetadataBytes",
  })
  void invalidLimitIsRejected(int depth, int entries, long bytes, int metadata, String named) {
    assertThatThrownBy(() -> new JavaArchiveLimits(depth, entries, bytes, metadata))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(named);
  }

  @Test
  void zeroDepthReadsOnlyTheFile() throws Exception {
    byte[] inner = JarFixtures.jar(JarFixtures.pomProperties("com.example", "inner", "1.0"));
    byte[] outer = JarFixtures.jar(JarFixtures.pomProperties("com.example", "outer", "1.0"),
        JarFixtures.stored("lib/inner-1.0.jar", inner));
    JavaArchiveCataloger flat = new JavaArchiveCataloger(new JavaArchiveLimits(0, 100, 1L << 20, 1 << 16));

    assertThat(JavaArchiveCatalogerTest.read(flat, "outer-1.0.jar", outer)).extracting(Package::name)
        .containsExactly("outer");
  }
}
