package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import org.junit.jupiter.api.Test;

class PackageUrlsTest {

  @Test
  void debianPurlEncodesPlusAndNamesDistro() {
    Distro bookworm = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)");

    String purl = PackageUrls.osPackage("deb", "debian", "libc6", "2.36-9+deb12u7", "amd64", bookworm);

    assertThat(purl).isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12");
  }

  @Test
  void alpinePurlNamesDistroWithFullVersion() {
    Distro alpine = new Distro("alpine", "3.19.1", null, "Alpine Linux v3.19");

    String purl = PackageUrls.osPackage("apk", "alpine", "musl", "1.2.4-r2", "x86_64", alpine);

    assertThat(purl).isEqualTo("pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1");
  }

  @Test
  void epochVersionRoundTrips() throws MalformedPackageURLException {
    Distro bullseye = new Distro("debian", "11", "bullseye", null);

    String purl = PackageUrls.osPackage("deb", "debian", "git", "1:2.30.2-1+deb11u2", "amd64", bullseye);

    // packageurl-java 1.5.0 writes the epoch colon as %3A, and a bare colon parses to the same version.
    assertThat(purl).isEqualTo("pkg:deb/debian/git@1%3A2.30.2-1%2Bdeb11u2?arch=amd64&distro=debian-11");
    assertThat(new PackageURL(purl).getVersion()).isEqualTo("1:2.30.2-1+deb11u2");
    assertThat(new PackageURL(purl.replace("%3A", ":")).getVersion()).isEqualTo("1:2.30.2-1+deb11u2");
  }

  @Test
  void unknownDistroUsesDefaultNamespaceAndNoQualifier() {
    String purl = PackageUrls.osPackage("deb", "debian", "tzdata", "2024a-0+deb12u1", "all", null);

    assertThat(purl).isEqualTo("pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all");
  }

  @Test
  void distroWithoutVersionIsQualifiedById() {
    Distro ubuntu = new Distro("ubuntu", null, null, null);

    String purl = PackageUrls.osPackage("deb", "debian", "bash", "5.2-1", null, ubuntu);

    assertThat(purl).isEqualTo("pkg:deb/ubuntu/bash@5.2-1?distro=ubuntu");
  }
}
