package io.hullscope.sbom.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteVulnerabilityDatabase;
import io.hullscope.vuln.OsvImporter;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans an image that contains known-vulnerable packages with the built-in scanner and the real
 * advisories of {@code samples/osv}: an old log4j-core jar, an old lodash in {@code node_modules}
 * and a Debian 11 zlib with a published DSA. The image is built {@code FROM scratch} by a real
 * dockerd with {@code docker build --network none} and read back through {@link
 * DockerDaemonSource}; each ecosystem is copied in by its own step, so it has its own layer:
 *
 * <ol>
 *   <li>layer 0: Debian 11's {@code os-release} and a dpkg status listing {@code zlib1g}
 *       1:1.2.11.dfsg-2+deb11u1 (source package zlib), which DSA-5218-1 fixes in
 *       1:1.2.11.dfsg-2+deb11u2;
 *   <li>layer 1: {@code log4j-core-2.14.1.jar} with Maven's {@code pom.properties} and a manifest,
 *       affected by Log4Shell (GHSA-jfh8-c2jp-5v3q, CVE-2021-44228), fixed in 2.15.0;
 *   <li>layer 2: {@code node_modules/lodash/package.json} of lodash 4.17.15, affected by
 *       GHSA-35jh-r3h4-6jhm (CVE-2021-23337), fixed in 4.17.21.
 * </ol>
 *
 * <p>Needs dockerd ({@code HULLSCOPE_DOCKER_HOST}); skipped without it and failed under {@code
 * CI=true}.
 */
@Tag("docker")
class KnownVulnerableImageIT {

  static final String IMAGE = "hullscope-it/known-vulnerable:1";

  @TempDir
  static Path work;

  static String host;
  static ScanResult result;

  @BeforeAll
  static void buildAndScan() throws Exception {
    host = TestDaemon.hostOrNull();
    if (host == null) {
      return;
    }
    Path context = work.resolve("context");
    writeDebian(context.resolve("debian"));
    writeLog4j(context.resolve("java/opt/app/lib/log4j-core-2.14.1.jar"));
    write(context.resolve("npm/app/node_modules/lodash/package.json"),
        "{\n  \"name\": \"lodash\",\n  \"version\": \"4.17.15\",\n  \"license\": \"MIT\",\n  \"main\": \"lodash.js\"\n}\n");
    Files.writeString(context.resolve("Dockerfile"), String.join("\n",
        "FROM scratch",
        "COPY debian/ /",
        "COPY java/ /",
        "COPY npm/ /",
        ""));
    TestDaemon.build(host, context, IMAGE);

    ImageSbom sbom;
    String digest;
    try (DockerDaemonSource source = new DockerDaemonSource(host, Limits.DEFAULT)) {
      sbom = TestDaemon.catalog(source, IMAGE, LayerIndexCache.NONE, CatalogCache.NONE);
      try (var image = source.open(IMAGE, null, ProgressListener.NONE)) {
        digest = image.digest().toString();
      }
    }
    Path repository = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    try (Database database = Database.open(work.resolve("vulnerabilities.db"))) {
      SqliteVulnerabilityDatabase vulnerabilities = new SqliteVulnerabilityDatabase(database);
      OsvImporter importer = new OsvImporter(vulnerabilities);
      for (String ecosystem : List.of("Debian", "Maven", "npm")) {
        importer.importZip(repository.resolve("samples/osv/" + ecosystem + "/all.zip"), ecosystem,
            ProgressListener.NONE);
      }
      result = new OsvMatcher(vulnerabilities).match(digest, sbom, ProgressListener.NONE);
    }
  }

  @AfterAll
  static void removeImage() throws IOException {
    if (host != null) {
      TestDaemon.remove(host, IMAGE);
    }
  }

  @BeforeEach
  void requireDaemon() {
    TestDaemon.require(host);
  }

  @Test
  void log4ShellIsFoundOnceWithItsFix() {
    VulnerabilityMatch match = only("CVE-2021-44228");

    assertThat(match.packageName()).isEqualTo("log4j-core");
    assertThat(match.purl()).startsWith("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(match.ecosystem()).isEqualTo("Maven");
    assertThat(match.installedVersion()).isEqualTo("2.14.1");
    assertThat(match.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
    assertThat(match.fixedVersion()).isEqualTo("2.15.0");
    assertThat(match.severity()).isEqualTo(VulnSeverity.CRITICAL);
    assertThat(match.score()).isEqualTo(10.0);
    assertThat(match.layer()).isEqualTo(1);
  }

  @Test
  void lodashTemplateInjectionIsFoundOnceWithItsFix() {
    VulnerabilityMatch match = only("CVE-2021-23337");

    assertThat(match.packageName()).isEqualTo("lodash");
    assertThat(match.installedVersion()).isEqualTo("4.17.15");
    assertThat(match.aliases()).containsExactly("GHSA-35jh-r3h4-6jhm");
    assertThat(match.fixedVersion()).isEqualTo("4.17.21");
    assertThat(match.severity()).isEqualTo(VulnSeverity.HIGH);
    assertThat(match.layer()).isEqualTo(2);
  }

  @Test
  void debianDsaAndDebianCveMergeIntoOneFinding() {
    VulnerabilityMatch match = only("CVE-2022-37434");

    assertThat(match.packageName()).isEqualTo("zlib1g");
    assertThat(match.ecosystem()).isEqualTo("Debian:11");
    assertThat(match.aliases()).containsExactlyInAnyOrder("DSA-5218-1", "DEBIAN-CVE-2022-37434");
    assertThat(match.fixedVersion()).isEqualTo("1:1.2.11.dfsg-2+deb11u2");
    assertThat(match.layer()).isZero();
  }

  @Test
  void noAdvisoryIsReportedTwiceUnderAnotherId() {
    Map<String, String> owner = new HashMap<>();
    for (VulnerabilityMatch match : result.matches()) {
      for (String id : match.allIds()) {
        String key = match.packageName() + " " + id;
        assertThat(owner.put(key, match.id())).as("%s is reported more than once", key).isNull();
      }
    }
    assertThat(result.matches()).hasSize(3);
    assertThat(result.problems()).isEmpty();
  }

  private static VulnerabilityMatch only(String id) {
    List<VulnerabilityMatch> found = result.matches().stream().filter(match -> match.allIds().contains(id)).toList();
    assertThat(found).as("matches naming %s", id).hasSize(1);
    assertThat(found.get(0).id()).isEqualTo(id);
    return found.get(0);
  }

  private static void writeDebian(Path root) throws IOException {
    write(root.resolve("etc/os-release"), String.join("\n",
        "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"",
        "NAME=\"Debian GNU/Linux\"",
        "VERSION_ID=\"11\"",
        "VERSION=\"11 (bullseye)\"",
        "VERSION_CODENAME=bullseye",
        "ID=debian",
        ""));
    write(root.resolve("var/lib/dpkg/status"), String.join("\n",
        "Package: zlib1g",
        "Status: install ok installed",
        "Priority: required",
        "Section: libs",
        "Installed-Size: 169",
        "Maintainer: Mark Brown <broonie@debian.org>",
        "Architecture: amd64",
        "Multi-Arch: same",
        "Source: zlib",
        "Version: 1:1.2.11.dfsg-2+deb11u1",
        "Depends: libc6 (>= 2.14)",
        "Description: compression library - runtime",
        " zlib is a library implementing the deflate compression method found",
        " in gzip and PKZIP.",
        ""));
  }

  /** Writes a jar as Maven builds it: a manifest with the implementation version and pom.properties. */
  private static void writeLog4j(Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-SymbolicName", "org.apache.logging.log4j.core");
    main.putValue("Implementation-Title", "Apache Log4j Core");
    main.putValue("Implementation-Vendor-Id", "org.apache.logging.log4j");
    main.putValue("Implementation-Version", "2.14.1");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      String folder = "META-INF/maven/org.apache.logging.log4j/log4j-core/";
      out.putNextEntry(new JarEntry(folder + "pom.properties"));
      out.write(("#Created by Apache Maven 3.6.3\nversion=2.14.1\ngroupId=org.apache.logging.log4j\n"
          + "artifactId=log4j-core\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new JarEntry("org/apache/logging/log4j/core/Logger.class"));
      out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 52});
      out.closeEntry();
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
