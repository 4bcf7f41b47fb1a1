package io.hullscope.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.testing.ImageArchiveBuilder.ArchiveFiles;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageArchiveBuilderTest {

  private static TestImage sampleImage(String platform) {
    return ImageArchiveBuilder.image()
        .platform(platform)
        .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=test\n").build(), BlobCompression.GZIP)
        .layer(new TarBuilder().file("app/run.sh", "echo hi\n").build(), BlobCompression.ZSTD)
        .layer(new TarBuilder().whiteout("etc/os-release").build())
        .user("1000:1000")
        .env("PATH=/usr/bin")
        .entrypoint("/app/run.sh")
        .cmd("--serve")
        .label("org.opencontainers.image.title", "sample")
        .exposedPort("8080/tcp")
        .healthcheck(List.of("CMD", "true"), Duration.ofSeconds(30), Duration.ofSeconds(5), null, 3)
        .history("ADD rootfs /")
        .history("ENV PATH=/usr/bin", true)
        .history("COPY run.sh /app/")
        .history("RUN rm /etc/os-release")
        .reference("example.com/team/app:1.0");
  }

  static Stream<Arguments> layouts() {
    Supplier<ArchiveFiles> classic = () -> ImageArchiveBuilder.dockerSave(sampleImage("linux/amd64"));
    Supplier<ArchiveFiles> dockerOci = () -> ImageArchiveBuilder.dockerSaveOci(sampleImage("linux/amd64"));
    Supplier<ArchiveFiles> multiPlatform = () -> {
      TestImage amd64 = sampleImage("linux/amd64");
      return ImageArchiveBuilder.ociLayout(
          ImageArchiveBuilder.index(
                  amd64,
                  sampleImage("linux/arm64/v8"),
                  ImageArchiveBuilder.index(sampleImage("linux/s390x")))
              .attestation(amd64)
              .reference("app:multi"));
    };
    return Stream.of(
        Arguments.of("classic docker save", classic),
        Arguments.of("docker 25 save", dockerOci),
        Arguments.of("multi-platform OCI layout", multiPlatform));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void tarIsByteIdenticalAcrossBuilds(String layout, Supplier<ArchiveFiles> build) {
    byte[] first = build.get().toTar();
    byte[] second = build.get().toTar();

    assertThat(second).isEqualTo(first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void directoryIsIdenticalAcrossBuilds(String layout, Supplier<ArchiveFiles> build, @TempDir Path temp)
      throws IOException {
    Path first = build.get().writeDirectory(temp.resolve("first"));
    Path second = build.get().writeDirectory(temp.resolve("second"));

    List<Path> firstFiles = listFiles(first);
    assertThat(listFiles(second)).isEqualTo(firstFiles);
    for (Path relative : firstFiles) {
      assertThat(Files.readAllBytes(second.resolve(relative)))
          .as(relative.toString())
          .isEqualTo(Files.readAllBytes(first.resolve(relative)));
      assertThat(Files.getLastModifiedTime(second.resolve(relative)))
          .isEqualTo(Files.getLastModifiedTime(first.resolve(relative)));
    }
  }

  @Test
  void classicSaveHasDockerFiles() {
    TestImage image = sampleImage("linux/amd64");

    ArchiveFiles files = ImageArchiveBuilder.dockerSave(image);

    assertThat(files.paths()).contains("manifest.json", "repositories", image.configDigest().hex() + ".json");
    assertThat(files.paths().stream().filter(path -> path.endsWith("/layer.tar"))).hasSize(3);
    assertThat(new String(files.content("manifest.json"))).contains("\"RepoTags\":[\"example.com/team/app:1.0\"]");
  }

  @Test
  void dockerOciSaveHasLayoutAndLegacyManifest() {
    TestImage image = sampleImage("linux/amd64");

    ArchiveFiles files = ImageArchiveBuilder.dockerSaveOci(image);

    assertThat(files.paths()).contains("oci-layout", "index.json", "manifest.json",
        ImageArchiveBuilder.blobPath(image.digest()), ImageArchiveBuilder.blobPath(image.configDigest()));
    for (ImageArchiveBuilder.TestLayer layer : image.layers()) {
      assertThat(files.content(ImageArchiveBuilder.blobPath(layer.blobDigest()))).isEqualTo(layer.blob());
    }
  }

  @Test
  void attestationIsAnnotatedInIndex() {
    TestImage image = sampleImage("linux/amd64");
    ImageArchiveBuilder.TestIndex index = ImageArchiveBuilder.index(image).attestation(image);

    String json = new String(index.manifestJson());

    assertThat(json).contains("\"vnd.docker.reference.type\":\"attestation-manifest\"");
    assertThat(json).contains("\"vnd.docker.reference.digest\":\"" + image.digest() + "\"");
    assertThat(json).contains("\"os\":\"unknown\"");
  }

  @Test
  void gzipAndZstdLayersAreCompressed() {
    TestImage image = sampleImage("linux/amd64");

    assertThat(image.layers().get(0).blob()).startsWith((byte) 0x1f, (byte) 0x8b);
    assertThat(image.layers().get(1).blob()).startsWith((byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd);
    assertThat(image.layers().get(2).blob()).isEqualTo(image.layers().get(2).tar());
  }

  private static List<Path> listFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
