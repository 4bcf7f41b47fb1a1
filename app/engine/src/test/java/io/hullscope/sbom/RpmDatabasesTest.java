package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmDatabasesTest {

  private static final String MARINER_RELEASE = "ID=mariner\nVERSION_ID=\"2.0\"\n";

  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource({
    "var/lib/rpm/rpmdb.sqlite,          sqlite-cbl-mariner-2.0/rpmdb.sqlite",
    "usr/lib/sysimage/rpm/rpmdb.sqlite, sqlite-cbl-mariner-2.0/rpmdb.sqlite",
    "var/lib/rpm/Packages,              bdb-libuuid/Packages",
    "usr/lib/sysimage/rpm/Packages.db,  ndb-sle15-bci/Packages.db",
  })
  void catalogListsEveryPackageOfAnRpmDatabase(String imagePath, String fixture) throws IOException {
    Path database = TestData.file("os/rpm/" + fixture);
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder()
            .file("etc/os-release", MARINER_RELEASE)
            .file(imagePath, Files.readAllBytes(database), 0644)
            .build())
        .reference("rpm:1");

    List<Package> packages = TestSboms.packages(TestSboms.of(temp, image, Catalogers.defaults()));

    List<String> expected = RpmExpectedPackages.read(database.resolveSibling("expected-packages.tsv"));
    assertThat(packages).extracting(Package::name)
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(row -> row.split("\t")[0]).toList());
    assertThat(packages).allSatisfy(pkg -> {
      assertThat(pkg.type()).isEqualTo("rpm");
      assertThat(pkg.evidencePath()).isEqualTo(imagePath);
      assertThat(pkg.purl()).startsWith("pkg:rpm/mariner/").contains("distro=mariner-2.0");
    });
  }

  @ParameterizedTest
  @CsvSource({
    "var/lib/rpm/rpmdb.sqlite,          true",
    "var/lib/rpm/Packages,              true",
    "var/lib/rpm/Packages.db,           true",
    "usr/lib/sysimage/rpm/rpmdb.sqlite, true",
    "var/lib/rpm/Name,                  false",
    "var/lib/rpm/rpmdb.sqlite-shm,      false",
  })
  void interestSelectsRpmDatabasePaths(String path, boolean wanted) {
    assertThat(new RpmCataloger().wants(TestEntries.file(path))).isEqualTo(wanted);
  }

  @Test
  void requirementsResolveToProviders() {
    RpmHeader glibc = new RpmHeader("glibc", null, "2.34", "100.el9", "x86_64", "LGPLv2+", null, null,
        List.of("rpmlib(CompressedFileNames)"), List.of("libc.so.6()(64bit)", "glibc(x86-64)"));
    RpmHeader bash = new RpmHeader("bash", null, "5.1.8", "6.el9", "x86_64", "GPLv3+", null, null,
        List.of("libc.so.6()(64bit)", "/usr/bin/env", "bash", "filesystem"), List.of("/bin/sh", "bash"));
    RpmHeader filesystem = new RpmHeader("filesystem", null, "3.16", "2.el9", "x86_64", "Public Domain", null, null,
        List.of("/bin/sh"), List.of());

    List<Package> packages = RpmDatabases.toPackages(List.of(glibc, bash, filesystem), "var/lib/rpm/rpmdb.sqlite",
        null);

    assertThat(packages).extracting(Package::name, Package::dependencies).containsExactly(
        org.assertj.core.groups.Tuple.tuple("glibc", List.of()),
        org.assertj.core.groups.Tuple.tuple("bash", List.of("glibc", "filesystem")),
        org.assertj.core.groups.Tuple.tuple("filesystem", List.of("bash")));
  }

  @Test
  void realDependenciesNameListedPackages() throws IOException {
    Path database = TestData.file("os/rpm/sqlite-cbl-mariner-2.0/rpmdb.sqlite");

    List<Package> packages = RpmDatabases.read("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(database), null);

    java.util.Set<String> names = new java.util.HashSet<>();
    packages.forEach(pkg -> names.add(pkg.name()));
    assertThat(packages).flatExtracting(Package::dependencies).isNotEmpty().allMatch(names::contains);
    assertThat(packages).filteredOn(pkg -> pkg.name().equals("bash")).singleElement()
        .satisfies(bash -> assertThat(bash.dependencies()).contains("glibc"));
  }

  @Test
  void signingKeyEntriesAreLeftOut() {
    RpmHeader bash = new RpmHeader("bash", null, "5.1.8", "6.el9", "x86_64", "GPLv3+", "bash-5.1.8-6.el9.src.rpm",
        "Red Hat, Inc.", List.of());
    RpmHeader key = new RpmHeader("gpg-pubkey", null, "fd431d51", "4ae0493b", null, "pubkey", null, null, List.of());

    List<Package> packages = RpmDatabases.toPackages(List.of(bash, key), "var/lib/rpm/rpmdb.sqlite", null);

    assertThat(packages).extracting(Package::name).containsExactly("bash");
  }
}
