package io.hullscope.ui.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.Package;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageDetailsTest {

  @Test
  void debianPackageWithoutSourceFieldIsItsOwnSource() {
    Package bash = new Package("bash", "5.2.15-2", "deb", null, List.of(), null, null, "amd64",
        SbomFixtures.DPKG_STATUS, List.of());

    PackageDetails details = PackageDetails.of(new ImagePackage(bash, 0, 0), List.of(), List.of(), false);

    assertThat(details.value("Source package")).isEqualTo("the same as the package (bash)");
  }

  @Test
  void languagePackageWithoutSourceShowsNone() {
    PackageDetails details = PackageDetails.of(new ImagePackage(SbomFixtures.pypi("requests", "2.31.0", "Apache-2.0"),
        0, 0), List.of(), List.of(), false);

    assertThat(details.value("Source package")).isEqualTo(PackageDetails.NONE);
  }
}
