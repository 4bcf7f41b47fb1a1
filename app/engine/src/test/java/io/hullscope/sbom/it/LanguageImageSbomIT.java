package io.hullscope.sbom.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.hullscope.image.Limits;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.CycloneDxExporter;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.Package;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.testing.Ci;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
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
 * Catalogs an image with npm, Python, Java and Go content, built {@code FROM scratch} by a real
 * dockerd with {@code docker build --network none}, and read back through {@link
 * DockerDaemonSource}.
 *
 * <p>Each ecosystem is copied in by its own {@code COPY} step, so it has its own layer:
 *
 * <ol>
 *   <li>layer 0: npm packages fetched with {@code npm pack} and unpacked under {@code
 *       app/node_modules}: a plain one (ms 2.1.3), one with a nested {@code node_modules} (debug
 *       4.3.4 with ms 2.1.2 below it) and a scoped one (@isaacs/string-locale-compare 1.1.0);
 *   <li>layer 1: Python metadata this test writes: a {@code dist-info} folder in a virtual
 *       environment, one in Debian's {@code dist-packages} with a name that purls normalize, and an
 *       {@code egg-info} file;
 *   <li>layer 2: a Spring Boot style fat jar built here, with its own {@code pom.properties} and
 *       the real commons-compress jar from the local Maven repository under {@code BOOT-INF/lib};
 *   <li>layer 3: the Go binary of the shared test data, whose modules and Go version {@code go
 *       version -m} listed; the standard library is expected as the module {@code stdlib}.
 * </ol>
 *
 * <p>Needs dockerd ({@code HULLSCOPE_DOCKER_HOST}), npm with access to the npm registry, and the
 * shared test data; skipped without them and failed under {@code CI=true}.
 */
@Tag("docker")
class LanguageImageSbomIT {

  static final String IMAGE = "hullscope-it/languages:1";
  static final String NPM_SERVICE = "npm (the Node.js package manager) with access to the npm registry";

  static final String NODE_MODULES = "app/node_modules/";
  static final String VENV_SITE_PACKAGES = "opt/venv/lib/python3.11/site-packages/";
  static final String DIST_PACKAGES = "usr/lib/python3/dist-packages/";
  static final String FAT_JAR = "opt/app/app.jar";
  static final String GO_BINARY = "usr/local/bin/app";

  static final int NPM_LAYER = 0;
  static final int PYTHON_LAYER = 1;
  static final int JAVA_LAYER = 2;
  static final int GO_LAYER = 3;

  @TempDir
  static Path work;

  static String host;
  static boolean ready;
  static DockerDaemonSource source;
  static ImageSbom sbom;

  /** The commons-compress jar nested in the fat jar, as found in the local Maven repository. */
  static Path libraryJar;
  static String libraryVersion;
  static String nestedJarPath;

  @BeforeAll
  static void buildImage() throws Exception {
    host = TestDaemon.hostOrNull();
    boolean npm = Ci.checkServiceForClass(HostCommands.onPath("npm"), NPM_SERVICE);
    if (host == null || !npm) {
      return;
    }
    Path goBinary = TestData.file("lang/go/app-linux-amd64");

    Path context = work.resolve("context");
    writeNodeModules(context.resolve("npm").resolve(NODE_MODULES));
    writePythonMetadata(context.resolve("python"));
    writeFatJar(context.resolve("java").resolve(FAT_JAR));
    Path binary = context.resolve("go").resolve(GO_BINARY);
    Files.createDirectories(binary.getParent());
    Files.copy(goBinary, binary);
    // The Go cataloger reads only executable files, and COPY keeps the mode of the context file.
    binary.toFile().setExecutable(true, false);

    Files.writeString(context.resolve("Dockerfile"), String.join("\n",
        "FROM scratch",
        "COPY npm/ /",
        "COPY python/ /",
        "COPY java/ /",
        "COPY go/ /",
        ""));
    TestDaemon.build(host, context, IMAGE);

    source = new DockerDaemonSource(host, Limits.DEFAULT);
    sbom = TestDaemon.catalog(source, IMAGE, LayerIndexCache.NONE, CatalogCache.NONE);
    ready = true;
  }

  @BeforeEach
  void requireServices() {
    TestDaemon.require(host);
    Ci.requireService(ready, NPM_SERVICE);
  }

  @AfterAll
  static void removeImage() throws IOException {
    if (source != null) {
      source.close();
    }
    if (host != null) {
      TestDaemon.remove(host, IMAGE);
    }
  }

  @Test
  void imageHasFourLayers() {
    assertThat(sbom.layers()).hasSize(4);
    assertThat(sbom.distro()).as("a FROM scratch image has no os-release").isNull();
    assertThat(sbom.warnings()).isEmpty();
  }

  @Test
  void npmPackagesFound() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(purl("npm", null, "ms", "2.1.3"), NODE_MODULES + "ms/package.json");
    expected.put(purl("npm", null, "debug", "4.3.4"), NODE_MODULES + "debug/package.json");
    expected.put(purl("npm", null, "ms", "2.1.2"), NODE_MODULES + "debug/node_modules/ms/package.json");
    expected.put(purl("npm", "@isaacs", "string-locale-compare", "1.1.0"),
        NODE_MODULES + "@isaacs/string-locale-compare/package.json");

    List<ImagePackage> npm = ofType("npm");

    assertThat(npm).extracting(found -> found.pkg().purl()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (ImagePackage found : npm) {
      assertThat(found.pkg().evidencePath()).as("evidence of %s", found.pkg().purl())
          .isEqualTo(expected.get(found.pkg().purl()));
      assertThat(found.addedLayer()).as("layer of %s", found.pkg().purl()).isEqualTo(NPM_LAYER);
    }
  }

  @Test
  void nestedNpmDependencyResolved() throws Exception {
    ImagePackage debug = single(purl("npm", null, "debug", "4.3.4"));

    List<ImagePackage> dependencies = sbom.dependencies().get(debug);

    assertThat(debug.pkg().dependencies()).contains("ms");
    assertThat(dependencies).extracting(found -> found.pkg().purl()).containsExactly(purl("npm", null, "ms", "2.1.2"));
  }

  @Test
  void pythonPackagesFound() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(purl("pypi", null, "requests", "2.31.0"), VENV_SITE_PACKAGES + "requests-2.31.0.dist-info/METADATA");
    expected.put(purl("pypi", null, "PyYAML", "6.0.1"), DIST_PACKAGES + "PyYAML-6.0.1.dist-info/METADATA");
    expected.put(purl("pypi", null, "six", "1.16.0"), DIST_PACKAGES + "six-1.16.0.egg-info");

    List<ImagePackage> python = ofType("pypi");

    assertThat(python).extracting(found -> found.pkg().purl()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (ImagePackage found : python) {
      assertThat(found.pkg().evidencePath()).as("evidence of %s", found.pkg().purl())
          .isEqualTo(expected.get(found.pkg().purl()));
      assertThat(found.addedLayer()).as("layer of %s", found.pkg().purl()).isEqualTo(PYTHON_LAYER);
    }
    ImagePackage requests = single(purl("pypi", null, "requests", "2.31.0"));
    assertThat(requests.pkg().licenses()).as("License field as recorded").containsExactly("Apache 2.0");
    assertThat(requests.pkg().dependencies()).contains("charset-normalizer", "idna", "urllib3", "certifi");
  }

  @Test
  void fatJarPackageFound() throws Exception {
    ImagePackage app = single(purl("maven", "io.hullscope.it", "fat-app", "1.0.0"));

    assertThat(app.pkg().evidencePath()).isEqualTo(FAT_JAR);
    assertThat(app.addedLayer()).isEqualTo(JAVA_LAYER);
  }

  @Test
  void jarNestedInJarFound() throws Exception {
    ImagePackage library = single(purl("maven", "org.apache.commons", "commons-compress", libraryVersion));

    assertThat(library.pkg().version()).isEqualTo(libraryVersion);
    assertThat(library.pkg().evidencePath()).isEqualTo(FAT_JAR + "!/" + nestedJarPath);
    assertThat(library.pkg().hashes()).containsEntry("SHA-1", sha1(libraryJar));
    assertThat(library.addedLayer()).isEqualTo(JAVA_LAYER);
  }

  @Test
  void goModulesFound() throws Exception {
    GoBuildInfo expected = GoBuildInfo.read(TestData.file("lang/go/app-linux-amd64.go-version-m.txt"));
    Map<String, ImagePackage> byModule = new LinkedHashMap<>();
    for (ImagePackage found : ofType("golang")) {
      byModule.put(modulePath(found.pkg().purl()), found);
      assertThat(found.pkg().evidencePath()).as("evidence of %s", found.pkg().purl()).isEqualTo(GO_BINARY);
      assertThat(found.addedLayer()).as("layer of %s", found.pkg().purl()).isEqualTo(GO_LAYER);
    }

    ImagePackage main = byModule.get(expected.mainModule());
    assertThat(main).as("main module %s", expected.mainModule()).isNotNull();
    assertThat(main.pkg().version()).isEqualTo(expected.mainVersion());
    assertThat(expected.dependencies()).isNotEmpty();
    for (Map.Entry<String, Set<String>> dependency : expected.dependencies().entrySet()) {
      ImagePackage found = byModule.get(dependency.getKey());

      assertThat(found).as("dependency %s", dependency.getKey()).isNotNull();
      assertThat(found.pkg().version()).as("version of %s", dependency.getKey()).isIn(dependency.getValue());
    }
    ImagePackage standardLibrary = byModule.get("stdlib");
    assertThat(standardLibrary).as("Go standard library").isNotNull();
    assertThat(standardLibrary.pkg().version()).isEqualTo(expected.goVersion().substring("go".length()));
  }

  @Test
  void eachEcosystemCounted() {
    Map<String, Integer> counts = sbom.countsByType();

    assertThat(counts).containsEntry("npm", 4).containsEntry("pypi", 3).containsEntry("maven", 2);
    assertThat(counts).containsKey("golang");
  }

  @Test
  void cycloneDxExportPassesSchema() throws IOException, ParseException {
    byte[] json = CycloneDxExporter.toJson(sbom, Instant.now()).getBytes(StandardCharsets.UTF_8);
    byte[] xml = CycloneDxExporter.toXml(sbom, Instant.now()).getBytes(StandardCharsets.UTF_8);

    assertThat(new JsonParser().validate(json, CycloneDxExporter.SPEC_VERSION)).isEmpty();
    assertThat(new XmlParser().validate(xml, CycloneDxExporter.SPEC_VERSION)).isEmpty();
    List<String> exported = new JsonParser().parse(json).getComponents().stream().map(Component::getPurl).toList();
    assertThat(exported).containsAll(sbom.packages().stream().map(found -> found.pkg().purl()).toList());
  }

  /** Fetches the npm packages with {@code npm pack} and unpacks them as npm would install them. */
  private static void writeNodeModules(Path nodeModules) throws IOException {
    unpackNpm("ms@2.1.3", nodeModules.resolve("ms"));
    unpackNpm("debug@4.3.4", nodeModules.resolve("debug"));
    unpackNpm("ms@2.1.2", nodeModules.resolve("debug/node_modules/ms"));
    unpackNpm("@isaacs/string-locale-compare@1.1.0", nodeModules.resolve("@isaacs/string-locale-compare"));
  }

  /**
   * Runs {@code npm pack SPEC} in a folder of its own and unpacks the tarball into {@code target},
   * without the {@code package/} folder that npm tarballs put around their files.
   */
  private static void unpackNpm(String spec, Path target) throws IOException {
    Path download = Files.createTempDirectory(work, "npm-pack-");
    HostCommands.run(download, Map.of("npm_config_update_notifier", "false", "npm_config_fund", "false"),
        Duration.ofMinutes(2), List.of("npm", "pack", "--silent", spec));
    Path tarball;
    try (Stream<Path> files = Files.list(download)) {
      List<Path> tarballs = files.filter(file -> file.toString().endsWith(".tgz")).toList();
      assertThat(tarballs).as("tarball of npm pack %s", spec).hasSize(1);
      tarball = tarballs.get(0);
    }

    Files.createDirectories(target);
    try (InputStream in = Files.newInputStream(tarball);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue;
        }
        String name = entry.getName();
        String relative = name.substring(name.indexOf('/') + 1);
        Path file = target.resolve(relative).normalize();
        assertThat(file.startsWith(target)).as("entry %s of %s stays in its folder", name, spec).isTrue();
        Files.createDirectories(file.getParent());
        Files.copy(tar, file);
      }
    }
  }

  /** Writes Python metadata in the forms pip and Debian's packages install. */
  private static void writePythonMetadata(Path root) throws IOException {
    write(root.resolve(VENV_SITE_PACKAGES + "requests-2.31.0.dist-info/METADATA"), String.join("\n",
        "Metadata-Version: 2.1",
        "Name: requests",
        "Version: 2.31.0",
        "Summary: HTTP library for the integration test image.",
        "License: Apache 2.0",
        "Classifier: License :: OSI Approved :: Apache Software License",
        "Requires-Python: >=3.7",
        "Requires-Dist: charset-normalizer (<4,>=2)",
        "Requires-Dist: idna (<4,>=2.5)",
        "Requires-Dist: urllib3 (<3,>=1.21.1)",
        "Requires-Dist: certifi (>=2017.4.17)",
        "Requires-Dist: PySocks (!=1.5.7,>=1.5.6) ; extra == 'socks'",
        "",
        "The description body follows the headers after one empty line.",
        ""));
    write(root.resolve(VENV_SITE_PACKAGES + "requests-2.31.0.dist-info/RECORD"),
        "requests/__init__.py,sha256=abc,4965\n");
    write(root.resolve(DIST_PACKAGES + "PyYAML-6.0.1.dist-info/METADATA"), String.join("\n",
        "Metadata-Version: 2.1",
        "Name: PyYAML",
        "Version: 6.0.1",
        "Summary: YAML parser and emitter for Python",
        "License: MIT",
        "Requires-Python: >=3.6",
        ""));
    // Debian's python3-six installs its metadata as one egg-info file, not a folder.
    write(root.resolve(DIST_PACKAGES + "six-1.16.0.egg-info"), String.join("\n",
        "Metadata-Version: 2.1",
        "Name: six",
        "Version: 1.16.0",
        "Summary: Python 2 and 3 compatibility utilities",
        "License: MIT",
        ""));
  }

  /**
   * Builds a Spring Boot style fat jar: its own Maven identity, a class folder, and the
   * commons-compress jar of the local Maven repository stored uncompressed under {@code
   * BOOT-INF/lib}, as Spring Boot stores nested jars.
   */
  private static void writeFatJar(Path jar) throws IOException, URISyntaxException {
    libraryJar = Path.of(TarArchiveInputStream.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    // The local repository path is .../commons-compress/VERSION/commons-compress-VERSION.jar, so
    // the expected version comes from the repository layout, not from the jar's pom.properties.
    libraryVersion = libraryJar.getParent().getFileName().toString();
    assertThat(libraryJar.getFileName().toString())
        .as("commons-compress on the test class path comes from a Maven repository")
        .isEqualTo("commons-compress-" + libraryVersion + ".jar");
    nestedJarPath = "BOOT-INF/lib/" + libraryJar.getFileName();

    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
    manifest.getMainAttributes().putValue("Start-Class", "io.hullscope.it.App");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "fat-app");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.0.0");
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      addEntry(out, "META-INF/maven/io.hullscope.it/fat-app/pom.properties",
          "artifactId=fat-app\ngroupId=io.hullscope.it\nversion=1.0.0\n".getBytes(StandardCharsets.UTF_8), false);
      addEntry(out, "BOOT-INF/classes/application.properties",
          "app.name=fat-app\n".getBytes(StandardCharsets.UTF_8), false);
      addEntry(out, nestedJarPath, Files.readAllBytes(libraryJar), true);
    }
  }

  private static void addEntry(JarOutputStream out, String name, byte[] content, boolean stored) throws IOException {
    JarEntry entry = new JarEntry(name);
    if (stored) {
      CRC32 crc = new CRC32();
      crc.update(content);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(content.length);
      entry.setCompressedSize(content.length);
      entry.setCrc(crc.getValue());
    }
    out.putNextEntry(entry);
    out.write(content);
    out.closeEntry();
  }

  /** The modules {@code go version -m} printed for a binary. */
  record GoBuildInfo(String goVersion, String mainModule, String mainVersion, Map<String, Set<String>> dependencies) {

    /**
     * Parses the output of {@code go version -m}: a first line {@code FILE: goVERSION}, then
     * tab-separated lines: {@code mod PATH VERSION} for the main module, {@code dep PATH VERSION}
     * for each dependency, and {@code => PATH VERSION} when the dependency above is replaced.
     * Either version of a replaced dependency is accepted, because the SBOM may report the
     * required one or the replacement's.
     */
    static GoBuildInfo read(Path file) throws IOException {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      assertThat(lines).as("lines of %s", file).isNotEmpty();
      String goVersion = lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1);
      assertThat(goVersion).as("Go version on the first line of %s", file).startsWith("go");
      String mainModule = null;
      String mainVersion = null;
      Map<String, Set<String>> dependencies = new LinkedHashMap<>();
      String lastDependency = null;
      for (String line : lines.subList(1, lines.size())) {
        List<String> fields = new ArrayList<>();
        for (String field : line.strip().split("\t")) {
          if (!field.isBlank()) {
            fields.add(field.strip());
          }
        }
        if (fields.size() < 3) {
          continue;
        }
        switch (fields.get(0)) {
          case "mod" -> {
            mainModule = fields.get(1);
            mainVersion = fields.get(2);
          }
          case "dep" -> {
            lastDependency = fields.get(1);
            dependencies.put(lastDependency, Set.of(fields.get(2)));
          }
          case "=>" -> {
            assertThat(lastDependency).as("replacement line without a dep line: %s", line).isNotNull();
            dependencies.put(lastDependency, Set.of(dependencies.get(lastDependency).iterator().next(), fields.get(2)));
          }
          default -> {
            // path and build lines name no module version.
          }
        }
      }
      assertThat(mainModule).as("mod line in %s", file).isNotNull();
      return new GoBuildInfo(goVersion, mainModule, mainVersion, dependencies);
    }
  }

  private static List<ImagePackage> ofType(String type) {
    return sbom.packages().stream().filter(found -> found.pkg().type().equals(type)).toList();
  }

  private static ImagePackage single(String purl) {
    List<ImagePackage> matches = sbom.packages().stream().filter(found -> found.pkg().purl().equals(purl)).toList();
    assertThat(matches).as("packages with purl %s among %s", purl, purls()).hasSize(1);
    return matches.get(0);
  }

  private static List<String> purls() {
    return sbom.packages().stream().map(found -> found.pkg().purl()).toList();
  }

  /** Returns a canonical purl, built by packageurl-java as the catalogers' {@code PackageUrls} does. */
  private static String purl(String type, String namespace, String name, String version)
      throws MalformedPackageURLException {
    return new PackageURL(type, namespace, name, version, null, null).canonicalize();
  }

  /** Returns the Go module path of a golang purl: its namespace and name joined by a slash. */
  private static String modulePath(String purl) throws MalformedPackageURLException {
    PackageURL parsed = new PackageURL(purl);
    return parsed.getNamespace() == null ? parsed.getName() : parsed.getNamespace() + "/" + parsed.getName();
  }

  private static String sha1(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
