package io.hullscope.sbom;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The artifact id, version and classifier that a Maven-style archive file name carries: {@code
 * ARTIFACT-VERSION[-CLASSIFIER].EXT} as in a Maven repository, {@code WEB-INF/lib} or {@code
 * BOOT-INF/lib}.
 *
 * <p>The name alone cannot tell a version qualifier from a classifier ({@code guava-33.0.0-jre}
 * has version {@code 33.0.0-jre}), so only well-known classifiers are split off. The version starts
 * at the last {@code -} that is followed by a digit, so that artifact ids containing digits after a
 * dash ({@code log4j-1.2-api-2.20.0}) keep them; a timestamped snapshot ({@code
 * 1.0-20240101.123456-3}) is recognised as a whole.
 *
 * @param artifactId the part before the version, or the whole base name when there is no version
 * @param version the version, or null when the name has none
 * @param classifier a well-known classifier, or null
 */
record JarFileName(String artifactId, String version, String classifier) {

  private static final Pattern TIMESTAMPED_SNAPSHOT = Pattern.compile("^(.+?)-(\\d[^-]*-\\d{8}\\.\\d{6}-\\d+)(?:-(.+))?$");
  private static final String CLASSIFIERS = "(?:sources|javadoc|tests|test-sources|test-javadoc|no_aop|"
      + "(?:linux|osx|windows|macos)-(?:x86_64|x86|aarch_64|aarch64|arm64|ppcle_64|s390_64|riscv64|loongarch_64))";
  private static final Pattern CLASSIFIER = Pattern.compile(CLASSIFIERS);
  private static final Pattern CLASSIFIER_SUFFIX = Pattern.compile("-(" + CLASSIFIERS + ")$");
  private static final String[] EXTENSIONS = {".jar", ".war", ".ear", ".jpi", ".hpi", ".par", ".sar"};

  /** Parses the last path component of {@code path}, without its extension. */
  static JarFileName of(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;

    Matcher snapshot = TIMESTAMPED_SNAPSHOT.matcher(base);
    if (snapshot.matches()) {
      String classifier = snapshot.group(3);
      if (classifier == null || CLASSIFIER.matcher(classifier).matches()) {
        return new JarFileName(snapshot.group(1), snapshot.group(2), classifier);
      }
    }

    int versionStart = -1;
    for (int i = base.length() - 2; i > 0; i--) {
      if (base.charAt(i) == '-' && Character.isDigit(base.charAt(i + 1))) {
        versionStart = i + 1;
        break;
      }
    }
    if (versionStart < 0) {
      return new JarFileName(base, null, null);
    }
    String artifactId = base.substring(0, versionStart - 1);
    String version = base.substring(versionStart);
    String classifier = null;
    Matcher classifierMatcher = CLASSIFIER_SUFFIX.matcher(version);
    if (classifierMatcher.find() && classifierMatcher.start() > 0) {
      classifier = classifierMatcher.group(1);
      version = version.substring(0, classifierMatcher.start());
    }
    return new JarFileName(artifactId, version, classifier);
  }

  /**
   * Returns true when {@code path} ends, in any letter case, with {@code .jar}, {@code .war},
   * {@code .ear}, {@code .jpi} or {@code .hpi} (Jenkins plugins), {@code .par} or {@code .sar}
   * (JBoss archives), and has a file name before the extension. Allocates nothing, because it runs
   * for every file of an image.
   */
  static boolean hasArchiveExtension(String path) {
    int start = path.length() - 4;
    if (start < 1 || path.charAt(start - 1) == '/') {
      return false;
    }
    for (String extension : EXTENSIONS) {
      if (path.regionMatches(true, start, extension, 0, 4)) {
        return true;
      }
    }
    return false;
  }
}
