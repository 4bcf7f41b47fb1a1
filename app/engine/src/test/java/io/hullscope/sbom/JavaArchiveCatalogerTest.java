package io.hullscope.sbom;

import static io.hullscope.sbom.JarFixtures.classFile;
import static io.hullscope.sbom.JarFixtures.deflated;
import static io.hullscope.sbom.JarFixtures.directory;
import static io.hullscope.sbom.JarFixtures.jar;
import static io.hullscope.sbom.JarFixtures.manifest;
import static io.hullscope.sbom.JarFixtures.pomProperties;
import static io.hullscope.sbom.JarFixtures.sha1;
import static io.hullscope.sbom.JarFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaArchiveCatalogerTest {

  private final JavaArchiveCataloger cataloger = new JavaArchiveCataloger();

  @Test
  void plainJarGivesOnePackageWithSha1() throws IOException {
    byte[] jar = jar(manifest("Implementation-Title: commons-text", "Implementation-Version: 1.12.0",
            "Bundle-License: https://www.apache.org/licenses/LICENSE-2.0.txt"),
        pomProperties("org.apache.commons", "commons-text", "1.12.0"),
        classFile("org/apache/commons/text/StringSubstitutor.class"));

    List<Package> packages = read("app/lib/commons-text-1.12.0.jar", jar);

    assertThat(packages).hasSize(1);
    Package pkg = packages.get(0);
    assertThat(pkg.name()).isEqualTo("commons-text");
    assertThat(pkg.version()).isEqualTo("1.12.0");
    assertThat(pkg.type()).isEqualTo("maven");
    assertThat(pkg.purl()).isEqualTo("pkg:maven/org.apache.commons/commons-text@1.12.0");
    assertThat(pkg.licenses()).containsExactly("https://www.apache.org/licenses/LICENSE-2.0.txt");
    assertThat(pkg.evidencePath()).isEqualTo("app/lib/commons-text-1.12.0.jar");
    assertThat(pkg.hashes()).isEqualTo(Map.of("SHA-1", sha1(jar)));
  }

  @Test
  void shadedJarListsEveryPomProperties() throws IOException {
    byte[] jar = jar(manifest("Bundle-License: MIT"),
        pomProperties("com.google.guava", "guava", "33.0.0-jre"),
        pomProperties("org.example", "tool", "2.1.0"),
        pomProperties("com.fasterxml.jackson.core", "jackson-core", "2.17.1"),
        classFile("org/example/tool/Main.class"));

    List<Package> packages = read("opt/tool-2.1.0.jar", jar);

    assertThat(packages).extracting(Package::purl).containsExactly(
        "pkg:maven/org.example/tool@2.1.0",
        "pkg:maven/com.google.guava/guava@33.0.0-jre",
        "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.17.1");
    Package main = packages.get(0);
    assertThat(main.hashes()).isEqualTo(Map.of("SHA-1", sha1(jar)));
    assertThat(main.licenses()).containsExactly("MIT");
    assertThat(main.evidencePath()).isEqualTo("opt/tool-2.1.0.jar");
    Package bundled = packages.get(1);
    assertThat(bundled.hashes()).isEmpty();
    assertThat(bundled.licenses()).isEmpty();
    assertThat(bundled.evidencePath())
        .isEqualTo("opt/tool-2.1.0.jar!/META-INF/maven/com.google.guava/guava/pom.properties");
  }

  @Test
  void shadedJarMatchesMainPackageByManifest() throws IOException {
    byte[] jar = jar(manifest("Bundle-SymbolicName: org.example.tool;singleton:=true"),
        pomProperties("com.google.guava", "guava", "33.0.0-jre"),
        pomProperties("org.example", "tool", "2.1.0"));

    List<Package> packages = read("app.jar", jar);

    assertThat(packages).extracting(Package::name).containsExactly("tool", "guava");
    assertThat(packages.get(0).hashes()).containsKey("SHA-1");
  }

  @Test
  void shadedJarFallsBackToManifest() throws IOException {
    byte[] jar = jar(manifest("Implementation-Title: Example Tool", "Implementation-Version: 3.0"),
        pomProperties("com.google.guava", "guava", "33.0.0-jre"),
        pomProperties("org.slf4j", "slf4j-api", "2.0.13"));

    List<Package> packages = read("srv/tool.jar", jar);

    assertThat(packages).extracting(Package::name).containsExactly("tool", "guava", "slf4j-api");
    Package own = packages.get(0);
    assertThat(own.version()).isEqualTo("3.0");
    assertThat(own.purl()).isNull();
    assertThat(own.hashes()).isEqualTo(Map.of("SHA-1", sha1(jar)));
    assertThat(packages.get(1).hashes()).isEmpty();
  }

  @Test
  void manifestOnlyJarHasNoPurl() throws IOException {
    byte[] jar = jar(manifest("Implementation-Title: netty-buffer", "Implementation-Version: 4.1.100.Final (b7)",
            "Implementation-Vendor-Id: io.netty",
            "Bundle-License: \"Apache-2.0\";link=\"https://www.apache.org/licenses/LICENSE-2.0.txt\""),
        classFile("io/netty/buffer/ByteBuf.class"));

    List<Package> packages = read("app/libs/buffer.jar", jar);

    assertThat(packages).hasSize(1);
    Package pkg = packages.get(0);
    assertThat(pkg.name()).isEqualTo("netty-buffer");
    assertThat(pkg.version()).isEqualTo("4.1.100.Final");
    assertThat(pkg.purl()).isNull();
    assertThat(pkg.licenses()).containsExactly("Apache-2.0");
    assertThat(pkg.hashes()).isEqualTo(Map.of("SHA-1", sha1(jar)));
  }

  @Test
  void manifestBundleHeadersNameThePackage() throws IOException {
    byte[] jar = jar(manifest("Bundle-SymbolicName: org.eclipse.osgi; singleton:=true", "Bundle-Version: 3.22.0.v20240101"));

    Package pkg = read("plugins/osgi.jar", jar).get(0);

    assertThat(pkg.name()).isEqualTo("org.eclipse.osgi");
    assertThat(pkg.version()).isEqualTo("3.22.0.v20240101");
  }

  @Test
  void fileNameVersionRanksBeforeManifest() throws IOException {
    byte[] jar = jar(manifest("Implementation-Title: kotlin-stdlib", "Implementation-Version: 2.1.0-release-394",
        "Bundle-SymbolicName: kotlin.stdlib", "Bundle-Version: 2.1.0.b394"));

    Package pkg = read("BOOT-INF/lib/kotlin-stdlib-2.1.0.jar", jar).get(0);

    assertThat(pkg.name()).isEqualTo("kotlin-stdlib");
    assertThat(pkg.version()).isEqualTo("2.1.0");
  }

  @Test
  void quotedManifestVersionIsUnquoted() throws IOException {
    byte[] jar = jar(manifest("Implementation-Title: commons-digester", "Implementation-Version: \"1.6\""));

    Package pkg = read("digester.jar", jar).get(0);

    assertThat(pkg.version()).isEqualTo("1.6");
  }

  @Test
  void singlePomOfBundledJarIsNotMain() throws IOException {
    byte[] jar = jar(manifest("Implementation-Title: opentelemetry-sdk-trace", "Implementation-Version: 1.59.0"),
        pomProperties("org.jctools", "jctools-core", "4.0.5"));

    List<Package> packages = read("lib/opentelemetry-sdk-trace-1.59.0.jar", jar);

    assertThat(packages).extracting(Package::name).containsExactly("opentelemetry-sdk-trace", "jctools-core");
    assertThat(packages.get(0).hashes()).containsKey("SHA-1");
    assertThat(packages.get(0).purl()).isNull();
    assertThat(packages.get(1).hashes()).isEmpty();
    assertThat(packages.get(1).purl()).isEqualTo("pkg:maven/org.jctools/jctools-core@4.0.5");
  }

  @Test
  void fileNameOnlyJarGivesPackage() throws IOException {
    byte[] jar = jar(classFile("a/B.class"));

    List<Package> packages = read("WEB-INF/lib/foo-bar-1.2.3-SNAPSHOT.jar", jar);

    assertThat(packages).hasSize(1);
    assertThat(packages.get(0).name()).isEqualTo("foo-bar");
    assertThat(packages.get(0).version()).isEqualTo("1.2.3-SNAPSHOT");
    assertThat(packages.get(0).purl()).isNull();
  }

  @Test
  void jarWithoutAnyVersionGivesNoPackage() throws IOException {
    byte[] jar = jar(manifest("Main-Class: app.Main"), classFile("app/Main.class"));

    assertThat(read("app.jar", jar)).isEmpty();
  }

  @Test
  void classifierInFileNameBecomesQualifier() throws IOException {
    byte[] jar = jar(pomProperties("io.netty", "netty-transport-native-epoll", "4.1.100.Final"));

    Package pkg = read("lib/netty-transport-native-epoll-4.1.100.Final-linux-x86_64.jar", jar).get(0);

    assertThat(pkg.purl())
        .isEqualTo("pkg:maven/io.netty/netty-transport-native-epoll@4.1.100.Final?classifier=linux-x86_64");
  }

  @Test
  void springBootJarReadsNestedJars() throws IOException {
    byte[] core = jar(pomProperties("org.springframework", "spring-core", "6.1.8"), classFile("org/springframework/A.class"));
    byte[] jcl = jar(pomProperties("org.springframework", "spring-jcl", "6.1.8"));
    byte[] fat = jar(manifest("Main-Class: org.springframework.boot.loader.launch.JarLauncher",
            "Start-Class: com.example.App"),
        pomProperties("com.example", "demo", "0.0.1-SNAPSHOT"),
        directory("BOOT-INF/"),
        directory("BOOT-INF/lib/"),
        classFile("BOOT-INF/classes/com/example/App.class"),
        stored("BOOT-INF/lib/spring-core-6.1.8.jar", core),
        stored("BOOT-INF/lib/spring-jcl-6.1.8.jar", jcl));

    List<Package> packages = read("app/demo.jar", fat);

    assertThat(packages).extracting(Package::purl).containsExactly(
        "pkg:maven/com.example/demo@0.0.1-SNAPSHOT",
        "pkg:maven/org.springframework/spring-core@6.1.8",
        "pkg:maven/org.springframework/spring-jcl@6.1.8");
    assertThat(packages).extracting(Package::evidencePath).containsExactly(
        "app/demo.jar",
        "app/demo.jar!/BOOT-INF/lib/spring-core-6.1.8.jar",
        "app/demo.jar!/BOOT-INF/lib/spring-jcl-6.1.8.jar");
    assertThat(packages.get(0).hashes()).containsEntry("SHA-1", sha1(fat));
    assertThat(packages.get(1).hashes()).containsEntry("SHA-1", sha1(core));
    assertThat(packages.get(2).hashes()).containsEntry("SHA-1", sha1(jcl));
  }

  @Test
  void warReadsWebInfLib() throws IOException {
    byte[] lib = jar(pomProperties("org.slf4j", "slf4j-api", "2.0.13"));
    byte[] war = jar(pomProperties("com.example", "shop", "1.4"),
        deflated("WEB-INF/web.xml", "<web-app/>"),
        deflated("WEB-INF/lib/slf4j-api-2.0.13.jar", lib));

    List<Package> packages = read("usr/local/tomcat/webapps/shop.war", war);

    assertThat(packages).extracting(Package::purl).containsExactly(
        "pkg:maven/com.example/shop@1.4", "pkg:maven/org.slf4j/slf4j-api@2.0.13");
    assertThat(packages.get(1).evidencePath())
        .isEqualTo("usr/local/tomcat/webapps/shop.war!/WEB-INF/lib/slf4j-api-2.0.13.jar");
    assertThat(packages.get(1).hashes()).containsEntry("SHA-1", sha1(lib));
  }

  @Test
  void earReadsWarAndItsJars() throws IOException {
    byte[] lib = jar(pomProperties("org.slf4j", "slf4j-api", "2.0.13"));
    byte[] war = jar(pomProperties("com.example", "web", "1.0"), deflated("WEB-INF/lib/slf4j-api-2.0.13.jar", lib));
    byte[] ear = jar(deflated("META-INF/application.xml", "<application/>"),
        pomProperties("com.example", "bundle", "1.0"),
        stored("web-1.0.war", war));

    List<Package> packages = read("opt/app/bundle-1.0.ear", ear);

    assertThat(packages).extracting(Package::evidencePath).containsExactly(
        "opt/app/bundle-1.0.ear",
        "opt/app/bundle-1.0.ear!/web-1.0.war",
        "opt/app/bundle-1.0.ear!/web-1.0.war!/WEB-INF/lib/slf4j-api-2.0.13.jar");
    assertThat(packages).extracting(Package::name).containsExactly("bundle", "web", "slf4j-api");
    assertThat(packages.get(2).hashes()).containsEntry("SHA-1", sha1(lib));
  }

  @Test
  void realJarInsideFatJar() throws IOException {
    Path real = Path.of(System.getProperty("user.home"),
        ".m2/repository/org/apache/commons/commons-compress/1.28.0/commons-compress-1.28.0.jar");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(real), real + " is missing");
    byte[] realBytes = Files.readAllBytes(real);
    byte[] fat = jar(pomProperties("com.example", "app", "1.0"),
        stored("BOOT-INF/lib/commons-compress-1.28.0.jar", realBytes));

    List<Package> packages = read("app.jar", fat);

    assertThat(packages).hasSize(2);
    Package compress = packages.get(1);
    assertThat(compress.purl()).isEqualTo("pkg:maven/org.apache.commons/commons-compress@1.28.0");
    assertThat(compress.hashes()).isEqualTo(Map.of("SHA-1", sha1(realBytes)));
    assertThat(compress.licenses()).containsExactly("https://www.apache.org/licenses/LICENSE-2.0.txt");
    Path published = real.resolveSibling(real.getFileName() + ".sha1");
    if (Files.isRegularFile(published)) {
      String expected = Files.readString(published, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
      assertThat(compress.hashes().get("SHA-1")).isEqualTo(expected);
    }
  }

  @Test
  void launchScriptBeforeZipDataIsSkipped() throws IOException {
    byte[] zip = jar(pomProperties("com.example", "svc", "2.0"));
    byte[] script = "#!/bin/bash\n# launch script\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.US_ASCII);
    byte[] executable = new byte[script.length + zip.length];
    System.arraycopy(script, 0, executable, 0, script.length);
    System.arraycopy(zip, 0, executable, script.length, zip.length);

    Package pkg = read("svc.jar", executable).get(0);

    assertThat(pkg.purl()).isEqualTo("pkg:maven/com.example/svc@2.0");
    assertThat(pkg.hashes()).containsEntry("SHA-1", sha1(executable));
  }

  @Test
  void emptyArchiveGivesNoPackages() throws IOException {
    assertThat(read("empty-1.0.jar", jar())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "opt/app/lib/a.jar, FILE, 1000, true",
    "opt/app/A.JAR, FILE, 1000, true",
    "srv/shop.war, FILE, 1000, true",
    "srv/app.ear, FILE, 1000, true",
    "var/jenkins_home/plugins/git.jpi, FILE, 1000, true",
    "var/jenkins_home/plugins/git.hpi, FILE, 1000, true",
    "opt/app/lib/a.jar, SYMLINK, 0, false",
    "opt/app/lib/tiny.jar, FILE, 21, false",
    "opt/app/lib/.jar, FILE, 1000, false",
    "opt/app/lib/jar, FILE, 1000, false",
    "opt/app/lib/a.jar.sha1, FILE, 1000, false",
    "opt/app/lib/a.zip, FILE, 1000, false",
    "opt/app/lib.jar/, DIRECTORY, 0, false",
  })
  void wantsOnlyArchiveFiles(String path, EntryType type, long size, boolean expected) {
    FileEntry entry = new FileEntry(path, type, size, 0644, 0, 0, null, 0);

    assertThat(cataloger.wants(entry)).isEqualTo(expected);
  }

  @Test
  void registeredAsDefaultCataloger() {
    assertThat(Catalogers.defaults()).anyMatch(c -> c instanceof JavaArchiveCataloger);
  }

  private List<Package> read(String path, byte[] bytes) throws IOException {
    return read(cataloger, path, bytes);
  }

  static List<Package> read(Cataloger cataloger, String path, byte[] bytes) throws IOException {
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      return cataloger.read(path, in);
    }
  }
}
