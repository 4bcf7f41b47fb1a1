package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SbomComparisonTest {

  @Test
  void trivyCycloneDxAndSpdxOfSameImageDisagreeOnVersions() throws IOException {
    SbomImporter importer = new SbomImporter();
    ImageSbom cyclone = importer.read(TestData.file("sbom/trivy-centos-7-cyclonedx-1.5.json")).sbom();
    ImageSbom spdx = importer.read(TestData.file("sbom/trivy-centos-7-spdx-2.json")).sbom();

    SbomComparison comparison = SbomComparison.compare(cyclone, spdx);

    // Both files list bash and openssl-libs, but the SPDX file gives bash as 4.2.46 next to a
    // purl version of 4.2.46-31.el7, and openssl-libs as 1:1.0.2k-19.el7 next to release 16.
    assertThat(comparison.summary()).isEqualTo(new SbomComparison.Summary(0, 2, 0, 0));
    assertThat(comparison.differentVersions())
        .extracting(match -> match.ours().pkg().version() + " vs " + match.theirs().pkg().version())
        .containsExactly("4.2.46-31.el7 vs 4.2.46", "1.0.2k-16.el7 vs 1:1.0.2k-19.el7");
  }

  @Test
  void summaryCountsEachGroup() {
    ImageSbom ours = sbom(
        pkg("a", "1", "pkg:npm/a@1"), pkg("b", "1", "pkg:npm/b@1"), pkg("c", "1", "pkg:npm/c@1"));
    ImageSbom theirs = sbom(
        pkg("a", "1", "pkg:npm/a@1"), pkg("b", "2", "pkg:npm/b@2"), pkg("d", "1", "pkg:npm/d@1"));

    SbomComparison comparison = SbomComparison.compare(ours, theirs);

    assertThat(comparison.summary()).isEqualTo(new SbomComparison.Summary(1, 1, 1, 1));
    assertThat(comparison.summary()).hasToString("1 identical, 1 different versions, 1 only in ours, 1 only in theirs");
    assertThat(comparison.onlyInOurs()).extracting(found -> found.pkg().name()).containsExactly("c");
    assertThat(comparison.onlyInTheirs()).extracting(found -> found.pkg().name()).containsExactly("d");
  }

  @ParameterizedTest(name = "{0} and {1}: same package {2}")
  @CsvSource(delimiter = '|', textBlock = """
      pkg:pypi/foo-bar@1                                    | pkg:pypi/Foo_Bar@1                               | true
      pkg:pypi/zope.interface@1                             | pkg:pypi/zope-interface@1                        | true
      pkg:maven/org.Example/lib@1                           | pkg:maven/org.example/lib@1                      | false
      pkg:maven/org.example/Lib@1                           | pkg:maven/org.example/lib@1                      | false
      pkg:deb/debian/libc6@1?arch=amd64&distro=debian-12    | pkg:deb/debian/libc6@1?arch=amd64                | true
      pkg:deb/debian/libc6@1?arch=amd64                     | pkg:deb/debian/libc6@1?arch=i386                 | false
      pkg:deb/debian/libc6@1?arch=amd64                     | pkg:deb/debian/libc6@1                           | true
      pkg:deb/debian/libc6@1                                | pkg:deb/ubuntu/libc6@1                           | true
      pkg:rpm/rhel/bash@4.2                                 | pkg:rpm/redhat/bash@4.2                          | true
      pkg:golang/github.com/a/b@v1                          | pkg:golang/gitlab.com/a/b@v1                     | false
      pkg:rpm/centos/bash@4.2?arch=x86_64                   | pkg:rpm/centos/bash@4.2?arch=aarch64             | false
      pkg:apk/alpine/musl@1.2?arch=x86_64                   | pkg:apk/alpine/musl@1.2?arch=x86_64&distro=3.19  | true
      pkg:npm/%40babel/core@7                               | pkg:npm/core@7                                   | false
      pkg:golang/github.com/a/b@v1                          | pkg:golang/github.com/a/b@v1?type=module         | true
      pkg:npm/left-pad@1                                    | pkg:pypi/left-pad@1                              | false
      """)
  void identityFollowsPurlRules(String ourPurl, String theirPurl, boolean same) {
    SbomComparison comparison = SbomComparison.compare(sbom(fromPurl(ourPurl)), sbom(fromPurl(theirPurl)));

    assertThat(comparison.identical()).hasSize(same ? 1 : 0);
    assertThat(comparison.onlyInOurs()).hasSize(same ? 0 : 1);
  }

  @Test
  void npmNamesAreCaseSensitive() {
    Package upper = new Package("JSONStream", "1.3.5", "npm", null, List.of(), null, null, null, null, List.of());
    Package lower = new Package("jsonstream", "1.3.5", "npm", null, List.of(), null, null, null, null, List.of());

    SbomComparison comparison = SbomComparison.compare(sbom(upper), sbom(lower));

    assertThat(comparison.identical()).isEmpty();
  }

  @Test
  void packageWithoutPurlMatchesByTypeAndName() {
    Package ours = pkg("rake", "13.0.6", "pkg:gem/rake@13.0.6");
    Package theirsGeneric = new Package("rake", "13.0.6", "generic", null, List.of(), null, null, null, null, List.of());
    Package theirsPypi = new Package("rake", "13.0.6", "pypi", null, List.of(), null, null, null, null, List.of());

    assertThat(SbomComparison.compare(sbom(ours), sbom(theirsGeneric)).identical()).hasSize(1);
    assertThat(SbomComparison.compare(sbom(ours), sbom(theirsPypi)).identical()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} and {2} {3}: same version {4}")
  @CsvSource(delimiter = '|', textBlock = """
      1:1.0.2k-16.el7 | pkg:rpm/centos/openssl-libs@1.0.2k-16.el7         | 1.0.2k-16.el7   | pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?epoch=1 | true
      1:1.0.2k-16.el7 | pkg:rpm/centos/openssl-libs@1.0.2k-16.el7         | 1.0.2k-16.el7   | pkg:rpm/centos/openssl-libs@1.0.2k-16.el7         | false
      0:4.2.46-31.el7 | pkg:rpm/centos/bash@4.2.46-31.el7                 | 4.2.46-31.el7   | pkg:rpm/centos/bash@4.2.46-31.el7                 | true
      0:2.36-9        | pkg:deb/debian/libc6@2.36-9                       | 2.36-9          | pkg:deb/debian/libc6@2.36-9                       | true
      1:2.36-9        | pkg:deb/debian/libc6@2.36-9                       | 2.36-9          | pkg:deb/debian/libc6@2.36-9?epoch=1               | true
      2.31.0          | pkg:pypi/requests@2.31.0                          | 2.31.0          | pkg:pypi/requests@2.31.0                          | true
      """)
  void versionsCompareAfterEpochNormalization(
      String ourVersion, String ourPurl, String theirVersion, String theirPurl, boolean same) {
    Package ours = pkg(nameOf(ourPurl), ourVersion, ourPurl);
    Package theirs = pkg(nameOf(theirPurl), theirVersion, theirPurl);

    SbomComparison comparison = SbomComparison.compare(sbom(ours), sbom(theirs));

    assertThat(comparison.identical()).hasSize(same ? 1 : 0);
    assertThat(comparison.differentVersions()).hasSize(same ? 0 : 1);
  }

  @Test
  void duplicatesPairEqualVersionsFirst() {
    ImageSbom ours = sbom(pkg("ms", "2.0.0", "pkg:npm/ms@2.0.0"), pkg("ms", "2.1.3", "pkg:npm/ms@2.1.3"));
    ImageSbom theirs = sbom(pkg("ms", "2.1.2", "pkg:npm/ms@2.1.2"), pkg("ms", "2.1.3", "pkg:npm/ms@2.1.3"));

    SbomComparison comparison = SbomComparison.compare(ours, theirs);

    assertThat(comparison.identical()).extracting(match -> match.ours().pkg().version()).containsExactly("2.1.3");
    assertThat(comparison.differentVersions())
        .extracting(match -> match.ours().pkg().version() + " vs " + match.theirs().pkg().version())
        .containsExactly("2.0.0 vs 2.1.2");
    assertThat(comparison.onlyInOurs()).isEmpty();
    assertThat(comparison.onlyInTheirs()).isEmpty();
  }

  @Test
  void emptySbomsCompareEmpty() {
    SbomComparison comparison = SbomComparison.compare(sbom(), sbom());

    assertThat(comparison.summary()).isEqualTo(new SbomComparison.Summary(0, 0, 0, 0));
  }

  private static Package fromPurl(String purl) {
    return pkg(nameOf(purl), "1", purl);
  }

  private static String nameOf(String purl) {
    String path = purl.substring(purl.lastIndexOf('/') + 1);
    return path.substring(0, path.indexOf('@'));
  }

  private static Package pkg(String name, String version, String purl) {
    String type = purl.substring("pkg:".length(), purl.indexOf('/'));
    return new Package(name, version, type, purl, List.of(), null, null, null, null, List.of());
  }

  private static ImageSbom sbom(Package... packages) {
    List<ImagePackage> placed = Arrays.stream(packages).map(ImagePackage::withoutLayers).toList();
    return new ImageSbom(null, null, placed, List.of(), List.of(), "test");
  }
}
