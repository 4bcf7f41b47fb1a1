package io.hullscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.samples.SampleImages.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleImagesTest {

  static Stream<Sample> samples() {
    return SampleImages.SAMPLES.stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void rebuildIsByteIdentical(Sample sample) {
    byte[] first = sample.builder().get();
    byte[] second = sample.builder().get();

    assertThat(second).isEqualTo(first);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void committedSampleMatchesItsBuilder(Sample sample) throws IOException {
    Path committed = repositoryRoot().resolve("samples/images").resolve(sample.fileName());
    assertThat(committed).as("committed sample; regenerate with SampleImages.main").exists();

    assertThat(Files.readAllBytes(committed))
        .as("%s differs from what SampleImages builds; regenerate and review the change", committed)
        .isEqualTo(sample.builder().get());
  }

  private static Path repositoryRoot() {
    return Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
  }
}
