package io.hullscope.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the apk database {@code /lib/apk/db/installed}
 * (https://wiki.alpinelinux.org/wiki/Apk_spec#Installed_Database_V2): blank-line separated
 * paragraphs of {@code X:value} lines. It reads {@code P} (name), {@code V} (version), {@code A}
 * (architecture), {@code L} (license), {@code o} (origin, the source package) and {@code D}
 * (dependencies), and ignores the file and ACL lines ({@code F}, {@code R}, {@code a}, {@code M},
 * {@code Z} ...) and other fields.
 *
 * <p>A malformed paragraph (a line that is not {@code X:value}, or no {@code P} or {@code V}) is
 * skipped with a warning. When a file has paragraphs but none of them is valid, parsing fails
 * with a {@link PackageDatabaseException} that names the file.
 */
public final class ApkInstalledParser {

  /** Path of the database, relative to the image root. */
  public static final String INSTALLED_PATH = "lib/apk/db/installed";

  /** Default maximum size of the database; it lists every installed file, so it grows with the image. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private final long maxBytes;

  public ApkInstalledParser(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public ApkInstalledParser() {
    this(DEFAULT_MAX_BYTES);
  }

  /** Parses the database at {@code path} (used in messages and as evidence). */
  public List<Package> parse(String path, InputStream in, Distro distro) throws IOException {
    String text = TextFiles.read(path, in, maxBytes);
    return Paragraphs.readPackages(text, path, "apk",
        "check that the file is an apk installed database and not truncated",
        paragraph -> toPackage(paragraph, path, distro));
  }

  private static Package toPackage(List<Paragraphs.Line> paragraph, String path, Distro distro)
      throws MalformedParagraphException {
    String name = null;
    String version = null;
    String architecture = null;
    String license = null;
    String origin = null;
    Set<String> dependencies = new LinkedHashSet<>();
    for (Paragraphs.Line line : paragraph) {
      String text = line.text();
      if (text.length() < 2 || text.charAt(1) != ':' || !Character.isLetter(text.charAt(0))) {
        throw new MalformedParagraphException(
            "line " + line.number() + " is not a 'X:value' line: '" + Paragraphs.shorten(text) + "'");
      }
      String value = text.substring(2).strip();
      switch (text.charAt(0)) {
        case 'P' -> name = value;
        case 'V' -> version = value;
        case 'A' -> architecture = value;
        case 'L' -> license = value;
        case 'o' -> origin = value;
        case 'D' -> dependencies.addAll(dependencyNames(value));
        default -> { }
      }
    }
    int first = paragraph.get(0).number();
    if (name == null || name.isEmpty()) {
      throw new MalformedParagraphException("the paragraph at line " + first + " has no P: (package name)");
    }
    if (version == null || version.isEmpty()) {
      throw new MalformedParagraphException("package '" + name + "' at line " + first + " has no V: (version)");
    }
    architecture = architecture == null || architecture.isEmpty() ? null : architecture;
    String purl = PackageUrls.osPackage("apk", "alpine", name, version, architecture, distro);
    List<String> licenses = license == null || license.isEmpty() ? List.of() : List.of(license);
    String sourceName = origin == null || origin.isEmpty() ? null : origin;
    return new Package(
        name, version, "apk", purl, licenses, sourceName, null, architecture, path, List.copyOf(dependencies));
  }

  /**
   * Returns the names of a {@code D:} line such as {@code musl>=1.2 so:libc.musl-x86_64.so.1
   * !conflict}: constraints are dropped, conflicts ({@code !name}) are not dependencies.
   */
  static List<String> dependencyNames(String value) {
    List<String> names = new ArrayList<>();
    for (String token : value.split("\\s+")) {
      if (token.isEmpty() || token.startsWith("!")) {
        continue;
      }
      int operator = indexOfAny(token, "<>=~");
      names.add(operator > 0 ? token.substring(0, operator) : token);
    }
    return names;
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
