package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lists the packages of the committed training samples; the expected packages are those
 * {@code io.hullscope.samples.SampleImages} writes.
 */
class SampleImagePackagesTest {

  @Test
  void badSampleListsPackagesOfRewrittenStatus() throws IOException {
    ImageSbom result = catalog("hygiene-bad.tar");

    assertThat(result.distro()).isEqualTo(new Distro("debian", "11", "bullseye", "Debian GNU/Linux 11 (bullseye)"));
    // Layer 1 rewrites the status of layer 0: its 7 base packages plus 7 tools, each listed once.
    assertThat(TestSboms.packages(result)).hasSize(14);
    assertThat(TestSboms.packages(result)).extracting(Package::name).doesNotHaveDuplicates();
    assertThat(TestSboms.packages(result))
        .extracting(Package::name, Package::version, Package::sourceName)
        .contains(
            tuple("base-files", "11.1+deb11u5", null),
            tuple("libc6", "2.31-13+deb11u5", "glibc"),
            tuple("curl", "7.74.0-1.3+deb11u3", null),
            tuple("libcurl4", "7.74.0-1.3+deb11u3", "curl"),
            tuple("openssh-server", "1:8.4p1-5+deb11u1", "openssh"),
            tuple("python3.9", "3.9.2-1", null));
    assertThat(TestSboms.packages(result)).extracting(Package::evidencePath).containsOnly("var/lib/dpkg/status");
  }

  @Test
  void badSamplePurlsNameBullseye() throws IOException {
    Package sudo =
        TestSboms.packages(catalog("hygiene-bad.tar")).stream().filter(p -> p.name().equals("sudo")).findFirst().orElseThrow();

    assertThat(sudo.purl()).isEqualTo("pkg:deb/debian/sudo@1.9.5p2-3%2Bdeb11u1?arch=amd64&distro=debian-11");
  }

  @Test
  void goodSampleListsDistrolessRecords() throws IOException {
    ImageSbom result = catalog("hygiene-good.tar");

    assertThat(result.distro()).isEqualTo(new Distro("debian", "12", null, "Distroless"));
    assertThat(TestSboms.packages(result))
        .extracting(Package::name, Package::version, Package::sourceName)
        .containsExactlyInAnyOrder(
            tuple("base-files", "12.4+deb12u5", null),
            tuple("libc6", "2.36-9+deb12u7", "glibc"),
            tuple("libssl3", "3.0.13-1~deb12u1", "openssl"),
            tuple("ca-certificates", "20230311", null),
            tuple("tzdata", "2024a-0+deb12u1", null));
  }

  @Test
  void goodSampleLibcPurlAndPath() throws IOException {
    Package libc =
        TestSboms.packages(catalog("hygiene-good.tar")).stream().filter(p -> p.name().equals("libc6")).findFirst().orElseThrow();

    assertThat(libc.purl()).isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12");
    assertThat(libc.evidencePath()).isEqualTo("var/lib/dpkg/status.d/libc6");
  }

  private static ImageSbom catalog(String fileName) throws IOException {
    return TestSboms.of(TestSboms.sample(fileName));
  }
}
