package io.hullscope.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses Python core metadata (https://packaging.python.org/en/latest/specifications/core-metadata/),
 * the header format of {@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO} and of an {@code
 * *.egg-info} file: {@code Field: value} lines and continuation lines that start with a space or
 * tab. The headers end at a blank line that is not followed by a continuation line, or at a line
 * that is neither a field nor a continuation. The body after them is ignored. Old PKG-INFO files
 * indent a multi-line Description but may keep its blank lines empty, so a blank line followed by
 * an indented line still belongs to the headers.
 *
 * <p>A file without Name or Version is not a package, so parsing fails with a {@link
 * PackageDatabaseException} naming the file; {@link SbomCollector} records such a file with a
 * warning.
 */
public final class PythonMetadataParser {

  /** Default maximum size of one metadata file in bytes (4 MiB), an estimate that leaves room for long descriptions. */
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Pattern NAME_SEPARATORS = Pattern.compile("[-_.]+");
  private static final Pattern REQUIREMENT_NAME = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
  private static final String LICENSE_CLASSIFIER = "License ::";

  private final long maxBytes;

  public PythonMetadataParser(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public PythonMetadataParser() {
    this(DEFAULT_MAX_BYTES);
  }

  /**
   * Returns the package a metadata file describes.
   *
   * @throws PackageDatabaseException when the file is too large, binary, or has no Name or Version
   */
  public Package parse(String path, InputStream in) throws IOException {
    String text = TextFiles.read(path, in, maxBytes);
    String name = null;
    String version = null;
    String licenseExpression = null;
    String license = null;
    List<String> classifierLicenses = new ArrayList<>();
    Set<String> dependencies = new LinkedHashSet<>();
    for (Header header : headers(text)) {
      String value = header.value();
      switch (header.name().toLowerCase(Locale.ROOT)) {
        case "name" -> name = value.strip();
        case "version" -> version = value.strip();
        case "license-expression" -> licenseExpression = value.strip();
        case "license" -> license = value.strip();
        case "classifier" -> {
          String classifier = value.strip();
          if (classifier.startsWith(LICENSE_CLASSIFIER)) {
            String[] parts = classifier.split("::");
            classifierLicenses.add(parts[parts.length - 1].strip());
          }
        }
        case "requires-dist" -> {
          String dependency = requirementName(value);
          if (dependency != null) {
            dependencies.add(dependency);
          }
        }
        default -> {
          // Other fields (Summary, Author, Platform...) are not part of a Package.
        }
      }
    }
    if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
      throw new PackageDatabaseException(
          "invalid Python metadata " + path + ": missing " + (name == null || name.isEmpty() ? "Name" : "Version")
              + " field in the headers; check that the file is package metadata and not truncated");
    }
    String purl = PackageUrls.pypiPackage(normalize(name), version);
    return new Package(name, version, "pypi", purl, licenses(licenseExpression, license, classifierLicenses),
        null, null, null, path, List.copyOf(dependencies));
  }

  /** Returns a name normalized as PEP 503 defines it: lower case, runs of {@code -_.} as one {@code -}. */
  public static String normalize(String name) {
    return NAME_SEPARATORS.matcher(name.strip()).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the License-Expression when present; otherwise the License field when it is a short
   * one-line name (some packages put the whole license text there); otherwise the license
   * classifiers.
   */
  private static List<String> licenses(String expression, String license, List<String> classifiers) {
    if (expression != null && !expression.isEmpty()) {
      return List.of(expression);
    }
    if (license != null && !license.isEmpty() && license.indexOf('\n') < 0 && license.length() <= 100
        && !license.equalsIgnoreCase("UNKNOWN")) {
      return List.of(license);
    }
    return List.copyOf(new LinkedHashSet<>(classifiers));
  }

  /** Returns the normalized project name of a requirement such as {@code Foo.Bar[x] >=1; extra == "y"}. */
  static String requirementName(String requirement) {
    var matcher = REQUIREMENT_NAME.matcher(requirement);
    return matcher.find() ? normalize(matcher.group(1)) : null;
  }

  private record Header(String name, String value) {}

  private static List<Header> headers(String text) {
    String[] lines = text.split("\r?\n", -1);
    List<Header> headers = new ArrayList<>();
    String currentName = null;
    StringBuilder currentValue = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        int next = i + 1;
        while (next < lines.length && lines[next].isEmpty()) {
          next++;
        }
        if (currentName != null && next < lines.length && isContinuation(lines[next])) {
          currentValue.append("\n".repeat(next - i));
          i = next - 1;
          continue;
        }
        break;
      }
      if (isContinuation(line)) {
        if (currentName == null) {
          break;
        }
        currentValue.append('\n').append(line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
        break;
      }
      if (currentName != null) {
        headers.add(new Header(currentName, currentValue.toString()));
      }
      currentName = line.substring(0, colon);
      currentValue.setLength(0);
      currentValue.append(line.substring(colon + 1).strip());
    }
    if (currentName != null) {
      headers.add(new Header(currentName, currentValue.toString()));
    }
    return headers;
  }

  private static boolean isContinuation(String line) {
    return line.charAt(0) == ' ' || line.charAt(0) == '\t';
  }
}
