package io.hullscope.sbom;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The artifact id, version and classifier that a Maven-style archive file name carries: {@code
 * ARTIFACT-VERSION[-CLASSIFIER].EXT} as in a Maven repository, {@code WEB-INF/lib} or {@code
 * BOOT-INF/lib}.
 *
 * <p>The name alone cannot tell a version qualifier from a classifier ({@code guava-33.0.0-jre}
 * has version {@code 33.0.0-jre}), so only well-known classifiers are split off. The version starts
 * at the first {@code -} followed by a digit, so that {@code zstd-jni-1.5.7-9} and timestamped
 * snapshots ({@code 1.0-20240101.123456-3}) keep their whole version. A word that is not a version
 * qualifier and is followed by a number moves the start further, because it belongs to the artifact
 * id: {@code log4j-1.2-api-2.20.0} is {@code log4j-1.2-api} version {@code 2.20.0}.
 *
 * @param artifactId the part before the version, or the whole base name when there is no version
 * @param version the version, or null when the name has none
 * @param classifier a well-known classifier, or null
 */
record JarFileName(String artifactId, String version, String classifier) {

  /** Common classifiers: attached sources and docs, os-maven-plugin platforms, OpenJFX platforms. */
  private static final String CLASSIFIERS = "(?:sources|javadoc|tests|test-sources|test-javadoc|no_aop|"
      + "(?:linux|osx|windows|macos)-(?:x86_64|x86|aarch_64|aarch64|arm64|ppcle_64|s390_64|riscv64|loongarch_64)|"
      + "linux|linux-aarch64|mac|mac-aarch64|win|win-x86)";
  private static final Pattern CLASSIFIER_SUFFIX = Pattern.compile("-(" + CLASSIFIERS + ")$");
  /** Words that Maven versions use before a number, as in {@code 2.0-alpha-1} or {@code 1.0-rc-2}. */
  private static final Set<String> QUALIFIERS = Set.of("a", "alpha", "b", "beta", "m", "milestone", "rc", "cr", "pre",
      "preview", "ea", "snapshot", "sp", "ga", "final", "release", "dev", "build", "r", "v", "update", "u", "patch", "p");
  private static final String[] EXTENSIONS = {".jar", ".war", ".ear", ".jpi", ".hpi", ".par", ".sar"};

  /** Parses the last path component of {@code path}, without its extension. */
  static JarFileName of(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;

    int versionStart = versionStart(base);
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

  private static int versionStart(String base) {
    for (int i = 1; i < base.length() - 1; i++) {
      if (base.charAt(i) == '-' && Character.isDigit(base.charAt(i + 1)) && readsAsVersion(base.substring(i + 1))) {
        return i + 1;
      }
    }
    return -1;
  }

  /** Returns false when a dash-separated word that is not a version qualifier is followed by a number. */
  private static boolean readsAsVersion(String candidate) {
    String[] segments = candidate.split("-");
    for (int i = 1; i + 1 < segments.length; i++) {
      String segment = segments[i];
      boolean word = !segment.isEmpty() && segment.chars().allMatch(Character::isLetter);
      if (word && !QUALIFIERS.contains(segment.toLowerCase(Locale.ROOT))
          && !segments[i + 1].isEmpty() && Character.isDigit(segments[i + 1].charAt(0))) {
        return false;
      }
    }
    return true;
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
