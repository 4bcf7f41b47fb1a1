package io.hullscope.sbom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The identity fields of a jar's {@code META-INF/MANIFEST.MF} (JAR File Specification, main
 * section) and of its OSGi headers. Each value is stripped and unquoted, and a field is null when it is absent,
 * blank, or longer than {@link MavenPomProperties#MAX_COORDINATE_LENGTH}, because no real name or
 * version is that long.
 *
 * @param implementationTitle {@code Implementation-Title}
 * @param implementationVersion {@code Implementation-Version}
 * @param implementationVendorId {@code Implementation-Vendor-Id}; older Maven archivers wrote the
 *     group id here, but many builds write an organisation id, so it is not used as a group
 * @param bundleSymbolicName {@code Bundle-SymbolicName} without its directives
 * @param bundleVersion {@code Bundle-Version}
 * @param specificationTitle {@code Specification-Title}
 * @param specificationVersion {@code Specification-Version}
 * @param licenses the license names of {@code Bundle-License}, see {@link #bundleLicenses}
 */
record JarManifest(
    String implementationTitle,
    String implementationVersion,
    String implementationVendorId,
    String bundleSymbolicName,
    String bundleVersion,
    String specificationTitle,
    String specificationVersion,
    List<String> licenses) {

  static final String ENTRY_NAME = "META-INF/MANIFEST.MF";

  JarManifest {
    licenses = List.copyOf(licenses);
  }

  /**
   * Parses a manifest with {@link Manifest}, which handles continuation lines and sections.
   *
   * @throws IOException when the bytes are not a valid manifest
   */
  static JarManifest parse(byte[] content) throws IOException {
    Attributes main = new Manifest(new ByteArrayInputStream(content)).getMainAttributes();
    String symbolicName = value(main, "Bundle-SymbolicName");
    if (symbolicName != null) {
      // Directives follow the name: "org.example.bundle; singleton:=true".
      int semicolon = symbolicName.indexOf(';');
      symbolicName = semicolon < 0 ? symbolicName : emptyToNull(symbolicName.substring(0, semicolon).strip());
    }
    String license = main.getValue("Bundle-License");
    return new JarManifest(
        value(main, "Implementation-Title"),
        value(main, "Implementation-Version"),
        value(main, "Implementation-Vendor-Id"),
        symbolicName,
        value(main, "Bundle-Version"),
        value(main, "Specification-Title"),
        value(main, "Specification-Version"),
        license == null ? List.of() : bundleLicenses(license));
  }

  /**
   * Returns the license names of an OSGi {@code Bundle-License} header (OSGi Core specification):
   * a comma-separated list of {@code name;link=...;description=...} clauses where the name is an
   * SPDX id or a URL and values may be quoted. The attributes are dropped, {@code <<EXTERNAL>>} means
   * "see the bundle's files" and gives nothing, and names longer than the coordinate limit are dropped.
   */
  static List<String> bundleLicenses(String header) {
    List<String> names = new ArrayList<>();
    for (String clause : splitOutsideQuotes(header, ',')) {
      String name = unquote(splitOutsideQuotes(clause, ';').get(0).strip());
      if (!name.isEmpty() && !name.equals("<<EXTERNAL>>") && name.length() <= MavenPomProperties.MAX_COORDINATE_LENGTH
          && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<String> splitOutsideQuotes(String text, char separator) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == separator && !quoted) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static String unquote(String text) {
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      return text.substring(1, text.length() - 1).strip();
    }
    return text;
  }

  private static String value(Attributes attributes, String name) {
    String value = attributes.getValue(name);
    if (value == null || value.length() > MavenPomProperties.MAX_COORDINATE_LENGTH) {
      return null;
    }
    // Some manifests quote their values: Implementation-Version: "1.6".
    return emptyToNull(unquote(value.strip()));
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
