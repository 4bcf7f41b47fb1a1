package io.hullscope.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses the dpkg database: {@code /var/lib/dpkg/status} and the distroless form {@code
 * /var/lib/dpkg/status.d/NAME}, one file per package. Both hold deb822 paragraphs
 * (https://manpages.debian.org/deb822.5): {@code Field: value} lines, continuation lines that
 * start with a space or tab, and blank lines between paragraphs.
 *
 * <p>In {@code status} only paragraphs whose {@code Status} state is {@code installed} count, so
 * removed packages that left configuration files behind ({@code deinstall ok config-files}) and
 * paragraphs without a Status line are skipped. {@code status.d} files carry no Status line, so
 * there every paragraph counts unless a Status line gives another state.
 *
 * <p>A malformed paragraph (a line without a field name, a continuation before the first field,
 * or an installed package without Package or Version) is skipped with a warning, so one damaged
 * record does not hide the rest. When a file has paragraphs but none of them is valid, parsing
 * fails with a {@link PackageDatabaseException} that names the file and the first bad line.
 */
public final class DpkgStatusParser {

  /** Default maximum size of one database file in bytes (64 MiB). */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  /** Path of the classic database file, relative to the image root. */
  public static final String STATUS_PATH = "var/lib/dpkg/status";

  /** Folder of the distroless database, relative to the image root. */
  public static final String STATUS_D_FOLDER = "var/lib/dpkg/status.d/";

  private final long maxBytes;

  public DpkgStatusParser(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public DpkgStatusParser() {
    this(DEFAULT_MAX_BYTES);
  }

  /** Returns true for a package record of {@code status.d}; the {@code .md5sums} files are not. */
  public static boolean isStatusDRecord(String path) {
    return path.startsWith(STATUS_D_FOLDER)
        && path.length() > STATUS_D_FOLDER.length()
        && path.indexOf('/', STATUS_D_FOLDER.length()) < 0
        && !path.endsWith(".md5sums");
  }

  /** Parses a {@code status} file, keeping only installed packages. */
  public List<Package> parseStatus(String path, InputStream in, Distro distro) throws IOException {
    return parse(path, in, distro, true);
  }

  /** Parses a {@code status.d} record, where a missing Status line means installed. */
  public List<Package> parseStatusD(String path, InputStream in, Distro distro) throws IOException {
    return parse(path, in, distro, false);
  }

  private List<Package> parse(String path, InputStream in, Distro distro, boolean statusRequired)
      throws IOException {
    String text = TextFiles.read(path, in, maxBytes);
    return Paragraphs.readPackages(text, path, "dpkg",
        "check that the file is a dpkg status file and not truncated", paragraph -> {
          Map<String, String> fields = fields(paragraph);
          return isInstalled(fields, statusRequired) ? toPackage(fields, path, distro, paragraph.get(0).number()) : null;
        });
  }

  /** Returns the fields of a paragraph, names case-insensitive, continuation lines joined by newlines. */
  private static Map<String, String> fields(List<Paragraphs.Line> paragraph) throws MalformedParagraphException {
    Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String currentField = null;
    for (Paragraphs.Line line : paragraph) {
      String text = line.text();
      char first = text.charAt(0);
      if (first == ' ' || first == '\t') {
        if (currentField == null) {
          throw new MalformedParagraphException("line " + line.number() + " continues a field, but no field started");
        }
        fields.merge(currentField, text.strip(), (old, added) -> old + "\n" + added);
        continue;
      }
      if (first == '#') {
        continue;
      }
      int colon = text.indexOf(':');
      if (colon <= 0 || text.substring(0, colon).chars().anyMatch(c -> c <= ' ')) {
        throw new MalformedParagraphException("line " + line.number() + " has no field name: '" + Paragraphs.shorten(text) + "'");
      }
      currentField = text.substring(0, colon);
      fields.put(currentField, text.substring(colon + 1).strip());
    }
    return fields;
  }

  /** Returns true when the Status state (its third word) is {@code installed}. */
  private static boolean isInstalled(Map<String, String> fields, boolean statusRequired) {
    String status = fields.get("Status");
    if (status == null) {
      return !statusRequired;
    }
    String[] words = status.trim().split("\\s+");
    return words.length == 3 && words[2].equals("installed");
  }

  private static Package toPackage(Map<String, String> fields, String path, Distro distro, int line)
      throws MalformedParagraphException {
    String name = fields.get("Package");
    String version = fields.get("Version");
    if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
      throw new MalformedParagraphException(
          "the installed package at line " + line + " has no " + (name == null || name.isEmpty() ? "Package" : "Version"));
    }
    String architecture = emptyToNull(fields.get("Architecture"));
    String sourceName = null;
    String sourceVersion = null;
    String source = emptyToNull(fields.get("Source"));
    if (source != null) {
      // "Source: glibc (2.36-9)" names a source version that differs from the binary version.
      int open = source.indexOf('(');
      int close = source.lastIndexOf(')');
      if (open > 0 && close > open) {
        sourceName = source.substring(0, open).strip();
        sourceVersion = source.substring(open + 1, close).strip();
      } else {
        sourceName = source;
      }
    }
    List<String> dependencies = dependencyNames(fields.get("Pre-Depends"), fields.get("Depends"));
    String purl = PackageUrls.osPackage("deb", "debian", name, version, architecture, distro);
    return new Package(name, version, "deb", purl, List.of(), sourceName, sourceVersion, architecture, path, dependencies);
  }

  /**
   * Returns the package names of dependency fields such as {@code libc6 (>= 2.15), gpgv | gpgv2},
   * without versions, architecture qualifiers or duplicates; every alternative is listed.
   */
  static List<String> dependencyNames(String... relationFields) {
    Set<String> names = new LinkedHashSet<>();
    for (String field : relationFields) {
      if (field == null) {
        continue;
      }
      for (String alternative : field.split("[,|]")) {
        String name = alternative.replaceAll("\\(.*?\\)|\\[.*?]|<.*?>", "").strip();
        int colon = name.indexOf(':');
        if (colon > 0) {
          name = name.substring(0, colon);
        }
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return List.copyOf(names);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
