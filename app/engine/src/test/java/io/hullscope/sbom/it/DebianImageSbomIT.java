package io.hullscope.sbom.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.packageurl.PackageURL;
import io.hullscope.image.Limits;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.CycloneDxExporter;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.Package;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteCatalogCache;
import io.hullscope.store.SqliteLayerIndexCache;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogs a real Debian image from a real dockerd and checks its dpkg packages against {@code
 * dpkg-query} run on the image's own status file.
 *
 * <p>The base image is a debootstrap minbase root file system imported with {@code docker import}
 * (one layer). A second image is built from it with {@code docker build --network none}:
 *
 * <ol>
 *   <li>layer 1 copies the .deb files in: jq, libjq1 and libonig5 from the Debian archive, and
 *       two small packages that this test builds with {@code dpkg-deb --build};
 *   <li>layer 2 installs libonig5, libjq1, version 1.0 of {@value #UPGRADED} and {@value #PURGED};
 *   <li>layer 3 installs jq, upgrades {@value #UPGRADED} to 1.1, purges {@value #PURGED} and
 *       deletes the .deb files.
 * </ol>
 *
 * <p>Layers 2 and 3 each rewrite {@code /var/lib/dpkg/status}, so the layers of a package must
 * come from comparing the status file of each layer, not from the layer of the file.
 *
 * <p>The root file system and the .deb files come from {@code .ci/debian-fixture}, which .ci/run
 * calls and which exports {@code HULLSCOPE_DEBIAN_FIXTURE}. The test is skipped without that
 * folder, dockerd or dpkg, and fails under {@code CI=true}.
 */
@Tag("docker")
class DebianImageSbomIT {

  static final String FIXTURE_VARIABLE = "HULLSCOPE_DEBIAN_FIXTURE";
  static final String FIXTURE_SERVICE =
      "Debian fixture folder (run .ci/debian-fixture DIR and set " + FIXTURE_VARIABLE + "=DIR)";
  static final String DPKG_SERVICE = "dpkg-query and dpkg-deb (Debian's dpkg package)";

  static final String BASE = "hullscope-it/debian-minbase:bookworm";
  static final String WITH_JQ = "hullscope-it/debian-jq:1";
  static final String STATUS = "var/lib/dpkg/status";
  static final String DISTRO = "debian-12";

  /** Packages whose .deb files layer 2 of {@link #WITH_JQ} installs. Layer 3 installs jq. */
  static final List<String> LIBRARIES = List.of("libonig5", "libjq1");
  /** A package this test builds, installed in layer 2 and upgraded in layer 3. */
  static final String UPGRADED = "hullscope-it-upgraded";
  /** A package this test builds, installed in layer 2 and purged in layer 3. */
  static final String PURGED = "hullscope-it-purged";

  @TempDir
  static Path work;

  static String host;
  static boolean ready;
  static DockerDaemonSource source;
  static ImageSbom sbom;
  static Map<String, DpkgRow> finalRows;
  static Map<String, DpkgRow> baseRows;
  static Map<String, DpkgRow> debRows;

  /** One package as dpkg-query lists it, keyed by {@code name:architecture}. */
  record DpkgRow(String name, String version, String architecture, String sourceName, String sourceVersion) {
    String key() {
      return name + ":" + architecture;
    }
  }

  @BeforeAll
  static void buildImages() throws IOException {
    host = TestDaemon.hostOrNull();
    Path fixture = fixtureOrNull();
    boolean dpkg = Ci.checkServiceForClass(
        HostCommands.onPath("dpkg-query") && HostCommands.onPath("dpkg-deb"), DPKG_SERVICE);
    if (host == null || fixture == null || !dpkg) {
      return;
    }

    TestDaemon.importRootfs(host, fixture.resolve("rootfs.tar"), BASE);
    Path context = work.resolve("context");
    writeContext(fixture, context);
    TestDaemon.build(host, context, WITH_JQ);

    source = new DockerDaemonSource(host, Limits.DEFAULT);
    sbom = TestDaemon.catalog(source, WITH_JQ, LayerIndexCache.NONE, CatalogCache.NONE);
    finalRows = dpkgQuery(WITH_JQ);
    baseRows = dpkgQuery(BASE);
    ready = true;
  }

  /**
   * Writes the build context of {@link #WITH_JQ}: the fixture's .deb files, the two packages this
   * test builds, and the Dockerfile. Records the control fields of the fixture's .deb files in
   * {@link #debRows}.
   */
  private static void writeContext(Path fixture, Path context) throws IOException {
    Files.createDirectories(context);
    debRows = new TreeMap<>();
    for (Path deb : debFiles(fixture)) {
      Files.copy(deb, context.resolve(deb.getFileName()));
      DpkgRow row = debControl(deb);
      debRows.put(row.name(), row);
    }
    assertThat(debRows.keySet()).as("packages of the fixture's .deb files").containsExactlyInAnyOrder("jq", "libjq1", "libonig5");

    buildDeb(UPGRADED, "1.0", context);
    buildDeb(UPGRADED, "1.1", context);
    buildDeb(PURGED, "2.0-1", context);
    Files.writeString(context.resolve("Dockerfile"), String.join("\n",
        "FROM " + BASE,
        "COPY *.deb /tmp/debs/",
        "RUN dpkg -i /tmp/debs/libonig5_*.deb /tmp/debs/libjq1_*.deb /tmp/debs/" + UPGRADED + "_1.0_all.deb"
            + " /tmp/debs/" + PURGED + "_*.deb",
        "RUN dpkg -i /tmp/debs/jq_*.deb /tmp/debs/" + UPGRADED + "_1.1_all.deb"
            + " && dpkg --purge " + PURGED + " && rm -rf /tmp/debs",
        ""));
  }

  @BeforeEach
  void requireServices() {
    TestDaemon.require(host);
    Ci.requireService(ready, FIXTURE_SERVICE + " and " + DPKG_SERVICE);
  }

  @AfterAll
  static void removeImages() throws IOException {
    if (source != null) {
      source.close();
    }
    if (host != null) {
      TestDaemon.remove(host, WITH_JQ, BASE);
    }
  }

  @Test
  void packagesEqualDpkgQuery() {
    Map<String, DpkgRow> found = new TreeMap<>();
    for (ImagePackage image : debPackages(sbom)) {
      Package pkg = image.pkg();
      DpkgRow previous = found.put(pkg.name() + ":" + pkg.architecture(),
          new DpkgRow(pkg.name(), pkg.version(), pkg.architecture(), sourceName(pkg), sourceVersion(pkg)));
      assertThat(previous).as("package %s listed twice", pkg.name()).isNull();
    }

    assertThat(finalRows).as("dpkg-query of the image's status file").hasSizeGreaterThan(50);
    assertThat(found.keySet()).isEqualTo(finalRows.keySet());
    for (DpkgRow expected : finalRows.values()) {
      DpkgRow actual = found.get(expected.key());
      assertThat(actual.version()).as("version of %s", expected.name()).isEqualTo(expected.version());
      assertThat(actual.architecture()).as("architecture of %s", expected.name()).isEqualTo(expected.architecture());
    }
  }

  @Test
  void sourcePackagesEqualDpkgQuery() {
    for (ImagePackage image : debPackages(sbom)) {
      Package pkg = image.pkg();
      DpkgRow expected = finalRows.get(pkg.name() + ":" + pkg.architecture());

      assertThat(sourceName(pkg)).as("source package of %s", pkg.name()).isEqualTo(expected.sourceName());
      assertThat(sourceVersion(pkg)).as("source version of %s", pkg.name()).isEqualTo(expected.sourceVersion());
    }
  }

  @Test
  void purlsHaveDistroAndArch() throws Exception {
    for (ImagePackage image : debPackages(sbom)) {
      Package pkg = image.pkg();
      String expected = new PackageURL("deb", "debian", pkg.name(), pkg.version(),
          new TreeMap<>(Map.of("arch", pkg.architecture(), "distro", DISTRO)), null).canonicalize();

      assertThat(pkg.purl()).as("purl of %s", pkg.name()).isEqualTo(expected);
    }
  }

  @Test
  void distroIsBookworm() {
    assertThat(sbom.distro()).isNotNull();
    assertThat(sbom.distro().id()).isEqualTo("debian");
    assertThat(sbom.distro().versionId()).isEqualTo("12");
    assertThat(sbom.distro().versionCodename()).isEqualTo("bookworm");
  }

  @Test
  void sbomListsEveryLayer() {
    assertThat(sbom.layers()).hasSize(4);
    assertThat(sbom.warnings()).isEmpty();
  }

  @Test
  void basePackagesComeFromFirstLayer() {
    assertThat(baseRows).as("dpkg-query of the base image").hasSizeGreaterThan(50);
    Map<String, ImagePackage> byKey = byKey(debPackages(sbom));
    for (DpkgRow base : baseRows.values()) {
      ImagePackage found = byKey.get(base.key());

      assertThat(found).as("base package %s", base.name()).isNotNull();
      assertThat(found.addedLayer()).as("added layer of %s", base.name()).isZero();
      assertThat(found.changedLayer()).as("changed layer of %s", base.name()).isZero();
    }
  }

  @Test
  void installedDebsComeFromTheirLayers() {
    Map<String, ImagePackage> byName = new TreeMap<>();
    debPackages(sbom).forEach(found -> byName.put(found.pkg().name(), found));

    for (DpkgRow deb : debRows.values()) {
      ImagePackage found = byName.get(deb.name());
      int layer = LIBRARIES.contains(deb.name()) ? 2 : 3;

      assertThat(found).as("package of %s", deb.name()).isNotNull();
      assertThat(baseRows).as("base image packages").doesNotContainKey(deb.key());
      assertThat(found.pkg().version()).as("version of %s", deb.name()).isEqualTo(deb.version());
      assertThat(found.addedLayer()).as("added layer of %s", deb.name()).isEqualTo(layer);
      assertThat(found.changedLayer()).as("changed layer of %s", deb.name()).isEqualTo(layer);
    }
  }

  @Test
  void upgradedPackageChangedInLaterLayer() {
    List<ImagePackage> upgraded = debPackages(sbom).stream().filter(found -> found.pkg().name().equals(UPGRADED)).toList();

    assertThat(upgraded).hasSize(1);
    assertThat(upgraded.get(0).pkg().version()).isEqualTo("1.1");
    assertThat(upgraded.get(0).pkg().architecture()).isEqualTo("all");
    assertThat(upgraded.get(0).addedLayer()).isEqualTo(2);
    assertThat(upgraded.get(0).changedLayer()).isEqualTo(3);
  }

  @Test
  void purgedPackageIsAbsent() {
    assertThat(debPackages(sbom)).extracting(found -> found.pkg().name()).doesNotContain(PURGED);
  }

  @Test
  void evidenceIsStatusFile() {
    for (ImagePackage found : debPackages(sbom)) {
      assertThat(found.pkg().evidencePath()).as("evidence of %s", found.pkg().name()).isEqualTo(STATUS);
    }
  }

  @Test
  void cachedLayersGiveSameSbom() throws IOException {
    try (Database database = Database.open(work.resolve("cache/hullscope.db"))) {
      SqliteLayerIndexCache indexCache = new SqliteLayerIndexCache(database);
      SqliteCatalogCache catalogCache = new SqliteCatalogCache(database);

      ImageSbom cold = TestDaemon.catalog(source, WITH_JQ, indexCache, catalogCache);
      ImageSbom warm = TestDaemon.catalog(source, WITH_JQ, indexCache, catalogCache);

      assertThat(cold.packages()).containsExactlyElementsOf(sbom.packages());
      assertThat(warm.packages()).containsExactlyElementsOf(sbom.packages());
      assertThat(warm.distro()).isEqualTo(sbom.distro());
    }
  }

  @Test
  void cycloneDxExportPassesSchema() throws IOException, ParseException {
    byte[] json = CycloneDxExporter.toJson(sbom, Instant.now()).getBytes(StandardCharsets.UTF_8);
    byte[] xml = CycloneDxExporter.toXml(sbom, Instant.now()).getBytes(StandardCharsets.UTF_8);

    assertThat(new JsonParser().validate(json, CycloneDxExporter.SPEC_VERSION)).isEmpty();
    assertThat(new XmlParser().validate(xml, CycloneDxExporter.SPEC_VERSION)).isEmpty();
    List<String> exported = new JsonParser().parse(json).getComponents().stream().map(Component::getPurl).toList();
    assertThat(exported).containsAll(debPackages(sbom).stream().map(found -> found.pkg().purl()).toList());
  }

  /** Returns the fixture folder named by {@link #FIXTURE_VARIABLE}, or null when it is unusable. */
  private static Path fixtureOrNull() {
    String configured = System.getenv(FIXTURE_VARIABLE);
    boolean usable = configured != null && !configured.isBlank()
        && Files.isRegularFile(Path.of(configured, "rootfs.tar"))
        && Files.isDirectory(Path.of(configured, "debs"));
    return Ci.checkServiceForClass(usable, FIXTURE_SERVICE) ? Path.of(configured) : null;
  }

  private static List<Path> debFiles(Path fixture) throws IOException {
    try (Stream<Path> files = Files.list(fixture.resolve("debs"))) {
      return files.filter(file -> file.getFileName().toString().endsWith(".deb")).sorted().toList();
    }
  }

  /**
   * Builds a package of architecture {@code all} that installs one text file, as {@code
   * NAME_VERSION_all.deb} in {@code folder}.
   */
  private static void buildDeb(String name, String version, Path folder) throws IOException {
    Path root = Files.createTempDirectory(work, name + "-");
    Files.createDirectories(root.resolve("DEBIAN"));
    Files.writeString(root.resolve("DEBIAN/control"), String.join("\n",
        "Package: " + name,
        "Version: " + version,
        "Architecture: all",
        "Maintainer: Hullscope tests <tests@hullscope.invalid>",
        "Section: misc",
        "Priority: optional",
        "Description: package built by the Debian image integration test",
        " It installs one text file and has no dependencies.",
        ""));
    Path doc = root.resolve("usr/share/doc/" + name + "/README");
    Files.createDirectories(doc.getParent());
    Files.writeString(doc, name + " " + version + "\n");
    HostCommands.run("dpkg-deb", "--root-owner-group", "--build", root.toString(),
        folder.resolve(name + "_" + version + "_all.deb").toString());
  }

  /** Reads a .deb file's control fields with dpkg-deb. */
  private static DpkgRow debControl(Path deb) throws IOException {
    String output = HostCommands.run("dpkg-deb", "--show",
        "--showformat=${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\t${source:Version}\\n",
        deb.toString());
    return parseRows(output, false).values().iterator().next();
  }

  /**
   * Copies an image's dpkg status file out with {@code docker cp} and lists the installed
   * packages it records with {@code dpkg-query}.
   */
  private static Map<String, DpkgRow> dpkgQuery(String image) throws IOException {
    Path adminDir = Files.createTempDirectory(work, "dpkg-");
    TestDaemon.copyFromImage(host, image, "/" + STATUS, adminDir.resolve("status"));
    String output = HostCommands.run("dpkg-query", "--admindir=" + adminDir, "--show",
        "--showformat=${db:Status-Status}\\t${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\t${source:Version}\\n");
    return parseRows(output, true);
  }

  /**
   * Parses tab-separated dpkg rows by {@code name:architecture}. With {@code withStatus}, the
   * first column is the package state, and only installed packages are kept, as the SBOM does.
   */
  private static Map<String, DpkgRow> parseRows(String output, boolean withStatus) {
    Map<String, DpkgRow> rows = new TreeMap<>();
    for (String line : output.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      List<String> columns = new ArrayList<>(List.of(line.split("\t", -1)));
      if (withStatus && !columns.remove(0).equals("installed")) {
        continue;
      }
      assertThat(columns).as("dpkg row '%s'", line).hasSize(5);
      DpkgRow row = new DpkgRow(columns.get(0), columns.get(1), columns.get(2), columns.get(3), columns.get(4));
      rows.put(row.key(), row);
    }
    return rows;
  }

  private static List<ImagePackage> debPackages(ImageSbom sbom) {
    return sbom.packages().stream().filter(found -> found.pkg().type().equals("deb")).toList();
  }

  private static Map<String, ImagePackage> byKey(List<ImagePackage> packages) {
    Map<String, ImagePackage> byKey = new TreeMap<>();
    packages.forEach(found -> byKey.put(found.pkg().name() + ":" + found.pkg().architecture(), found));
    return byKey;
  }

  /** Returns the source package name as dpkg-query shows it: the package's own name when absent. */
  private static String sourceName(Package pkg) {
    return pkg.sourceName() == null ? pkg.name() : pkg.sourceName();
  }

  /** Returns the source version as dpkg-query shows it: the package's own version when absent. */
  private static String sourceVersion(Package pkg) {
    return pkg.sourceVersion() == null ? pkg.version() : pkg.sourceVersion();
  }
}
