package io.hullscope.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The package evidence of the benchmark image, in three layers as a Debian-based application image
 * would have them: the base system with its dpkg status, an {@code apt-get install} layer that
 * rewrites the status with more and upgraded packages, and an application layer with Python,
 * npm, Java and Go-like executables. Names and versions are synthetic; the file layouts are those
 * the package managers write.
 *
 * <p>Call {@link #baseSystem}, {@link #aptInstall} and {@link #application} once each, in this
 * order: the apt layer rewrites the status of the base layer, and all share one random sequence.
 */
final class BenchmarkEvidence {

  /** One file of a layer, with its permission bits (such as {@code 0755}) in {@code mode}. */
  record LayerFile(String path, int mode, byte[] data) {}

  /** The files of one layer and the {@code created_by} text of its history entry. */
  record EvidenceLayer(String createdBy, List<LayerFile> files) {}

  static final int BASE_DEBIAN_PACKAGES = 320;
  static final int APT_ADDED_PACKAGES = 80;
  static final int APT_UPGRADED_PACKAGES = 12;
  static final int BASE_PYTHON_PACKAGES = 40;
  static final int APT_PYTHON_PACKAGES = 20;
  static final int APP_PYTHON_PACKAGES = 40;
  static final int NPM_TOP_LEVEL_PACKAGES = 320;
  static final int NPM_NESTED_PACKAGES = 150;
  static final int NPM_DEEP_PACKAGES = 30;
  /** Files named {@code package.json} inside a package that do not describe a package. */
  static final int NPM_INNER_MANIFESTS = 20;

  static final String DPKG_STATUS = "var/lib/dpkg/status";
  static final String OS_PYTHON = "usr/lib/python3/dist-packages/";
  static final String APP_PYTHON = "usr/local/lib/python3.11/site-packages/";
  static final String NODE_MODULES = "app/node_modules/";

  private static final int FILE = 0644;
  private static final int EXECUTABLE = 0755;
  private static final String[] SECTIONS = {"libs", "utils", "net", "admin", "python", "devel", "misc"};
  private static final String[] PRIORITIES = {"optional", "optional", "optional", "important", "required"};
  private static final String[] LICENSES = {"MIT", "ISC", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause"};
  private static final String[] SCOPES = {"@acme", "@types", "@babel", "@nx", "@opentelemetry", "@aws-sdk"};

  private final EvidenceText text;
  private final Random random;
  private final List<DebianPackage> basePackages = new ArrayList<>();

  BenchmarkEvidence(long seed) {
    this.random = new Random(seed);
    this.text = new EvidenceText(random);
  }

  /** Returns the base system: os-release, a dpkg status and Debian's Python packages. */
  EvidenceLayer baseSystem() {
    List<LayerFile> files = new ArrayList<>();
    files.add(new LayerFile("etc/os-release", FILE, ascii("""
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        VERSION="12 (bookworm)"
        VERSION_CODENAME=bookworm
        ID=debian
        HOME_URL="https://www.debian.org/"
        """)));
    for (int i = 0; i < BASE_DEBIAN_PACKAGES; i++) {
      basePackages.add(debianPackage(basePackages));
    }
    files.add(new LayerFile(DPKG_STATUS, FILE, status(basePackages)));
    addPythonPackages(files, OS_PYTHON, BASE_PYTHON_PACKAGES);
    return new EvidenceLayer("RUN debootstrap bookworm /", files);
  }

  /**
   * Returns the layer of an {@code apt-get install}: dpkg rewrites the whole status file, here with
   * {@value #APT_ADDED_PACKAGES} new packages and {@value #APT_UPGRADED_PACKAGES} upgraded ones, and
   * keeps the previous file as {@code status-old}.
   */
  EvidenceLayer aptInstall() {
    if (basePackages.isEmpty()) {
      throw new IllegalStateException("baseSystem() must run before aptInstall()");
    }
    List<DebianPackage> packages = new ArrayList<>(basePackages);
    Set<Integer> upgraded = new HashSet<>();
    while (upgraded.size() < APT_UPGRADED_PACKAGES) {
      int index = random.nextInt(packages.size());
      String version = text.debianVersion();
      if (!version.equals(packages.get(index).version()) && upgraded.add(index)) {
        packages.set(index, packages.get(index).upgradedTo(version));
      }
    }
    for (int i = 0; i < APT_ADDED_PACKAGES; i++) {
      packages.add(debianPackage(packages));
    }
    List<LayerFile> files = new ArrayList<>();
    files.add(new LayerFile(DPKG_STATUS, FILE, status(packages)));
    files.add(new LayerFile("var/lib/dpkg/status-old", FILE, status(basePackages)));
    addPythonPackages(files, OS_PYTHON, APT_PYTHON_PACKAGES);
    return new EvidenceLayer("RUN apt-get install -y --no-install-recommends python3-app", files);
  }

  /** Returns the application layer: pip and npm packages, jars and two Go-like executables. */
  EvidenceLayer application() throws IOException {
    List<LayerFile> files = new ArrayList<>();
    addPythonPackages(files, APP_PYTHON, APP_PYTHON_PACKAGES);
    addNodeModules(files);
    new BenchmarkJars(text).addTo(files, "app/");
    files.add(new LayerFile("usr/local/bin/app-server", EXECUTABLE,
        GoLikeExecutable.build(random, 3 << 20, "example.com/app/server", List.of(
            "github.com/acme/router", "github.com/acme/log", "golang.org/x/net", "golang.org/x/sys"))));
    files.add(new LayerFile("usr/local/bin/healthcheck", EXECUTABLE,
        GoLikeExecutable.build(random, 3 << 19, "example.com/app/healthcheck", List.of("golang.org/x/sys"))));
    return new EvidenceLayer("COPY app /app", files);
  }

  // ---- dpkg

  private record DebianPackage(String name, String version, String source, String architecture, String section,
      String priority, int installedSize, List<String> depends, String summary, String description,
      boolean conffile) {

    DebianPackage upgradedTo(String newVersion) {
      return new DebianPackage(name, newVersion, source, architecture, section, priority, installedSize + 3,
          depends, summary, description, conffile);
    }

    /** Writes the paragraph with the fields in the order dpkg writes them. */
    void appendTo(StringBuilder status) {
      status.append("Package: ").append(name).append('\n');
      status.append("Status: install ok installed\n");
      status.append("Priority: ").append(priority).append('\n');
      status.append("Section: ").append(section).append('\n');
      status.append("Installed-Size: ").append(installedSize).append('\n');
      status.append("Maintainer: Debian ").append(source).append(" Maintainers <").append(source)
          .append("@lists.example.org>\n");
      status.append("Architecture: ").append(architecture).append('\n');
      if (architecture.equals("amd64") && name.startsWith("lib")) {
        status.append("Multi-Arch: same\n");
      }
      if (!source.equals(name)) {
        status.append("Source: ").append(source).append('\n');
      }
      status.append("Version: ").append(version).append('\n');
      if (!depends.isEmpty()) {
        status.append("Depends: ").append(String.join(", ", depends)).append('\n');
      }
      if (conffile) {
        status.append("Conffiles:\n /etc/").append(name).append('/').append(name).append(".conf ")
            .append(md5Hex(name)).append('\n');
      }
      status.append("Description: ").append(summary).append('\n');
      status.append(description);
      status.append("Homepage: https://").append(source).append(".example.org/\n");
      status.append('\n');
    }
  }

  private DebianPackage debianPackage(List<DebianPackage> earlier) {
    String source = text.uniqueName();
    boolean library = random.nextInt(5) < 2;
    String name = library ? "lib" + source + random.nextInt(4) : source;
    List<String> depends = new ArrayList<>();
    int dependencyCount = earlier.isEmpty() ? 0 : random.nextInt(5);
    for (int i = 0; i < dependencyCount; i++) {
      DebianPackage dependency = earlier.get(random.nextInt(earlier.size()));
      String clause = random.nextBoolean()
          ? dependency.name() + " (>= " + dependency.version() + ")"
          : dependency.name();
      if (!depends.contains(clause)) {
        depends.add(clause);
      }
    }
    StringBuilder description = new StringBuilder();
    int paragraphs = 1 + random.nextInt(3);
    for (int i = 0; i < paragraphs; i++) {
      if (i > 0) {
        description.append(" .\n");
      }
      for (String line : text.paragraph(2 + random.nextInt(3)).split("\n")) {
        description.append(' ').append(line).append('\n');
      }
    }
    return new DebianPackage(name, text.debianVersion(), source, random.nextInt(6) == 0 ? "all" : "amd64",
        library ? "libs" : SECTIONS[random.nextInt(SECTIONS.length)], PRIORITIES[random.nextInt(PRIORITIES.length)],
        16 + random.nextInt(20_000), depends, text.phrase(3 + random.nextInt(6)), description.toString(),
        random.nextInt(10) == 0);
  }

  /** Returns a status file with the packages sorted by name, as dpkg writes it. */
  private static byte[] status(List<DebianPackage> packages) {
    StringBuilder status = new StringBuilder();
    packages.stream().sorted(Comparator.comparing(DebianPackage::name)).forEach(pkg -> pkg.appendTo(status));
    return ascii(status.toString());
  }

  /** Returns the MD5 of the name in hex, standing in for the MD5 sum of a conffile's content. */
  private static String md5Hex(String name) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(ascii(name)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must support MD5", e);
    }
  }

  // ---- Python

  private void addPythonPackages(List<LayerFile> files, String sitePackages, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = text.uniqueName() + (random.nextInt(3) == 0 ? "-" + text.uniqueName() : "");
      String version = text.semver();
      String module = name.replace('-', '_');
      String distInfo = sitePackages + module + "-" + version + ".dist-info/";
      byte[] init = ascii("\"\"\"" + text.sentence() + "\"\"\"\n\n" + text.paragraph(8 + random.nextInt(20)) + "\n");
      files.add(new LayerFile(sitePackages + module + "/__init__.py", FILE, init));
      files.add(new LayerFile(distInfo + "METADATA", FILE, pythonMetadata(name, version, names)));
      files.add(new LayerFile(distInfo + "WHEEL", FILE,
          ascii("Wheel-Version: 1.0\nGenerator: bdist_wheel (0.41.2)\nRoot-Is-Purelib: true\nTag: py3-none-any\n")));
      files.add(new LayerFile(distInfo + "INSTALLER", FILE, ascii("pip\n")));
      files.add(new LayerFile(distInfo + "RECORD", FILE, ascii(
          module + "/__init__.py,sha256=" + "A".repeat(43) + "," + init.length + "\n"
          + distInfo.substring(sitePackages.length()) + "METADATA,,\n")));
      names.add(name);
    }
  }

  private byte[] pythonMetadata(String name, String version, List<String> earlier) {
    StringBuilder metadata = new StringBuilder();
    metadata.append("Metadata-Version: 2.1\n");
    metadata.append("Name: ").append(name).append('\n');
    metadata.append("Version: ").append(version).append('\n');
    metadata.append("Summary: ").append(text.phrase(4 + random.nextInt(8))).append('\n');
    metadata.append("Home-page: https://github.com/example/").append(name).append('\n');
    metadata.append("Author: ").append(text.uniqueName()).append(" developers\n");
    metadata.append("Author-email: team@").append(name).append(".example.org\n");
    metadata.append("License: ").append(LICENSES[random.nextInt(LICENSES.length)]).append('\n');
    metadata.append("Classifier: Programming Language :: Python :: 3\n");
    metadata.append("Classifier: Operating System :: OS Independent\n");
    metadata.append("Requires-Python: >=3.8\n");
    int requirements = earlier.isEmpty() ? 0 : random.nextInt(4);
    for (int i = 0; i < requirements; i++) {
      metadata.append("Requires-Dist: ").append(earlier.get(random.nextInt(earlier.size())))
          .append(" (>=1.0)\n");
    }
    metadata.append("Description-Content-Type: text/markdown\n\n");
    metadata.append("# ").append(name).append("\n\n");
    int paragraphs = 2 + random.nextInt(6);
    for (int i = 0; i < paragraphs; i++) {
      metadata.append(text.paragraph(3 + random.nextInt(5))).append("\n\n");
    }
    return ascii(metadata.toString());
  }

  // ---- npm

  /**
   * Adds top-level, scoped and nested packages: nested ones are installed inside the package that
   * needs a version other than the top-level one, so some names appear more than once.
   */
  private void addNodeModules(List<LayerFile> files) throws JsonProcessingException {
    files.add(new LayerFile("app/package.json", FILE, json(npmManifest("app", "1.0.0", List.of()))));
    List<String> topLevel = new ArrayList<>();
    for (int i = 0; i < NPM_TOP_LEVEL_PACKAGES; i++) {
      String name = i % 5 == 0
          ? SCOPES[random.nextInt(SCOPES.length)] + "/" + text.uniqueName()
          : text.uniqueName();
      topLevel.add(name);
      addNpmPackage(files, NODE_MODULES + name + "/", name, topLevel, i < NPM_INNER_MANIFESTS);
    }
    List<String> nestedFolders = new ArrayList<>();
    for (int i = 0; i < NPM_NESTED_PACKAGES; i++) {
      String parent = topLevel.get(random.nextInt(topLevel.size()));
      String name = topLevel.get(random.nextInt(topLevel.size()));
      String folder = NODE_MODULES + parent + "/node_modules/" + name + "/";
      if (parent.equals(name) || nestedFolders.contains(folder)) {
        name = text.uniqueName();
        folder = NODE_MODULES + parent + "/node_modules/" + name + "/";
      }
      nestedFolders.add(folder);
      addNpmPackage(files, folder, name, topLevel, false);
    }
    for (int i = 0; i < NPM_DEEP_PACKAGES; i++) {
      String parent = nestedFolders.get(i * (NPM_NESTED_PACKAGES / NPM_DEEP_PACKAGES));
      String name = i % 3 == 0 ? SCOPES[random.nextInt(SCOPES.length)] + "/" + text.uniqueName() : text.uniqueName();
      addNpmPackage(files, parent + "node_modules/" + name + "/", name, topLevel, false);
    }
  }

  private void addNpmPackage(List<LayerFile> files, String folder, String name, List<String> candidates,
      boolean innerManifest) throws JsonProcessingException {
    List<String> dependencies = new ArrayList<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count && candidates.size() > 1; i++) {
      String dependency = candidates.get(random.nextInt(candidates.size() - 1));
      if (!dependency.equals(name) && !dependencies.contains(dependency)) {
        dependencies.add(dependency);
      }
    }
    files.add(new LayerFile(folder + "package.json", FILE, json(npmManifest(name, text.semver(), dependencies))));
    files.add(new LayerFile(folder + "index.js", FILE, ascii("'use strict';\n// " + text.sentence() + "\n"
        + text.paragraph(6 + random.nextInt(30)).replace("\n", ";\n") + ";\n")));
    files.add(new LayerFile(folder + "README.md", FILE, ascii("# " + name + "\n\n" + text.paragraph(4 + random.nextInt(10)) + "\n")));
    if (innerManifest) {
      // Node reads a package.json in a sub-folder only for its "type"; it is not a package.
      files.add(new LayerFile(folder + "lib/esm/package.json", FILE, ascii("{\n  \"type\": \"module\"\n}\n")));
    }
  }

  private Map<String, Object> npmManifest(String name, String version, List<String> dependencies) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", name);
    manifest.put("version", version);
    manifest.put("description", text.phrase(3 + random.nextInt(8)));
    manifest.put("main", "index.js");
    manifest.put("license", LICENSES[random.nextInt(LICENSES.length)]);
    manifest.put("author", text.uniqueName() + " <dev@example.org>");
    Map<String, String> repository = new LinkedHashMap<>();
    repository.put("type", "git");
    repository.put("url", "git+https://github.com/example/" + name.replace("@", "") + ".git");
    manifest.put("repository", repository);
    manifest.put("keywords", List.of(text.phrase(1), text.phrase(1)));
    Map<String, String> ranges = new TreeMap<>();
    for (String dependency : dependencies) {
      ranges.put(dependency, "^" + text.semver());
    }
    manifest.put("dependencies", ranges);
    manifest.put("engines", Map.of("node", ">=14"));
    return manifest;
  }

  private static byte[] json(Object value) throws JsonProcessingException {
    return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
