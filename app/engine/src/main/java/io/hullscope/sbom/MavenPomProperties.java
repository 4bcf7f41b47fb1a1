package io.hullscope.sbom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The coordinates in a {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} file, which the Maven
 * archiver writes into every jar it builds and the shade plugin keeps for every jar it merges.
 *
 * @param groupId Maven group id
 * @param artifactId Maven artifact id
 * @param version Maven version
 * @param entryName name of the archive entry the coordinates were read from
 */
record MavenPomProperties(String groupId, String artifactId, String version, String entryName) {

  /** Maximum length of one coordinate. Real ones are far shorter, so a longer value is not trusted. */
  static final int MAX_COORDINATE_LENGTH = 256;

  private static final String PREFIX = "META-INF/maven/";
  private static final String SUFFIX = "/pom.properties";

  /** Group and artifact id pattern, the same as the one Maven's DefaultModelValidator checks. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

  /** A version must not contain whitespace or characters that mark a purl part. */
  private static final Pattern VERSION = Pattern.compile("[^\\s/?#@]+");

  /** Returns true for an entry name of the form {@code META-INF/maven/GROUP/ARTIFACT/pom.properties}. */
  static boolean isPomPropertiesEntry(String entryName) {
    return entryName.startsWith(PREFIX) && entryName.endsWith(SUFFIX) && pathCoordinates(entryName) != null;
  }

  /**
   * Parses the properties file. A missing groupId or artifactId is taken from the entry path,
   * where the archiver writes the same coordinates.
   *
   * @throws IOException naming the entry when the version is missing or a coordinate is invalid
   */
  static MavenPomProperties parse(String entryName, byte[] content) throws IOException {
    Properties properties = new Properties();
    // The archiver writes ASCII, which reads the same as UTF-8. A UTF-8 Reader also decodes files
    // that other tools wrote in UTF-8, where Properties.load(InputStream) would assume ISO-8859-1.
    try {
      properties.load(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(entryName + " is not a valid properties file: " + e.getMessage(), e);
    }
    String[] fromPath = pathCoordinates(entryName);
    String groupId = valueOr(properties, "groupId", fromPath == null ? null : fromPath[0]);
    String artifactId = valueOr(properties, "artifactId", fromPath == null ? null : fromPath[1]);
    String version = valueOr(properties, "version", null);
    if (version == null) {
      throw new IOException(entryName + " has no version property");
    }
    check(entryName, "groupId", groupId, ID);
    check(entryName, "artifactId", artifactId, ID);
    check(entryName, "version", version, VERSION);
    return new MavenPomProperties(groupId, artifactId, version, entryName);
  }

  private static String valueOr(Properties properties, String key, String fallback) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return value.strip();
  }

  private static void check(String entryName, String key, String value, Pattern pattern) throws IOException {
    if (value == null) {
      throw new IOException(entryName + " has no " + key + " property");
    }
    if (value.length() > MAX_COORDINATE_LENGTH) {
      throw new IOException(entryName + " has a " + key + " of " + value.length()
          + " characters, more than the limit of " + MAX_COORDINATE_LENGTH);
    }
    if (!pattern.matcher(value).matches()) {
      throw new IOException(entryName + " has an invalid " + key + " '" + value + "'");
    }
  }

  /** Returns {group, artifact} from the entry path, or null when the path has another shape. */
  private static String[] pathCoordinates(String entryName) {
    if (entryName.length() <= PREFIX.length() + SUFFIX.length()) {
      return null;
    }
    String middle = entryName.substring(PREFIX.length(), entryName.length() - SUFFIX.length());
    int slash = middle.indexOf('/');
    if (slash <= 0 || slash != middle.lastIndexOf('/') || slash == middle.length() - 1) {
      return null;
    }
    String group = middle.substring(0, slash);
    String artifact = middle.substring(slash + 1);
    if (!ID.matcher(group).matches() || !ID.matcher(artifact).matches()
        || group.chars().allMatch(c -> c == '.') || artifact.chars().allMatch(c -> c == '.')) {
      return null;
    }
    return new String[] {group, artifact};
  }
}
