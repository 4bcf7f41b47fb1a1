package io.hullscope.vuln;

import java.util.HashSet;
import java.util.Set;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV2;

/**
 * Computes CVSS base scores and severities from vector strings, for advisories that give only the
 * vector. The cvss-calculator library does the arithmetic. This class checks the vector's form
 * first, because the library accepts some malformed vectors: a repeated metric, where the last one
 * wins, and an empty segment.
 *
 * <p>Accepted forms: {@code CVSS:3.0/...}, {@code CVSS:3.1/...}, {@code CVSS:4.0/...}, and a CVSS
 * v2 vector, which has no prefix ({@code AV:N/AC:L/Au:N/C:P/I:P/A:P}, optionally in parentheses as
 * NVD used to print it). Temporal, threat and environmental metrics may be present but only the base
 * score is returned.
 */
public final class CvssScores {

  /** Maximum vector length; a full CVSS v4.0 vector with every optional metric is under 300. */
  static final int MAX_VECTOR_LENGTH = 1024;

  /** CVSS specification versions that a vector can name. */
  public enum Version {
    V2_0("2.0"),
    V3_0("3.0"),
    V3_1("3.1"),
    V4_0("4.0");

    private final String label;

    Version(String label) {
      this.label = label;
    }

    /** Returns the version as written in vectors, for example {@code 3.1}. */
    public String label() {
      return label;
    }
  }

  /**
   * The base score of a vector, with the severity that its CVSS version assigns to that score.
   *
   * @param version the CVSS version the vector names
   * @param baseScore the base score, 0.0 to 10.0 with one decimal
   * @param severity the qualitative rating of the base score
   * @param vector the vector as given
   */
  public record BaseScore(Version version, double baseScore, VulnSeverity severity, String vector) {}

  private CvssScores() {}

  /**
   * Computes the base score and severity of a CVSS vector.
   *
   * @throws IllegalArgumentException when the vector is empty, too long, of an unsupported CVSS
   *     version, lacks a mandatory base metric, repeats a metric or has an invalid metric value. The
   *     message quotes the vector and states what is wrong.
   */
  public static BaseScore score(String vector) {
    if (vector == null || vector.isBlank()) {
      throw new IllegalArgumentException("CVSS vector is empty");
    }
    if (vector.length() > MAX_VECTOR_LENGTH) {
      throw new IllegalArgumentException(
          "CVSS vector '" + vector.substring(0, 40) + "...' has " + vector.length()
              + " characters, more than the maximum of " + MAX_VECTOR_LENGTH);
    }

    Version version = versionOf(vector);
    checkMetrics(vector, version);

    Cvss cvss;
    double baseScore;
    try {
      cvss = Cvss.fromVector(vector);
      baseScore = cvss == null ? Double.NaN : cvss.calculateScore().getBaseScore();
    } catch (RuntimeException e) {
      // The library reports bad metrics with MalformedVectorException, but some malformed input
      // makes it fail with other runtime exceptions, for example StringIndexOutOfBoundsException.
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw invalid(vector, reason, e);
    }
    if (cvss == null) {
      throw invalid(vector, "the library did not recognize it");
    }

    boolean readAsV2 = cvss instanceof CvssV2;
    if (readAsV2 != (version == Version.V2_0)) {
      throw invalid(vector, "it was read as " + cvss.getName() + " instead of CVSS " + version.label());
    }
    if (!(baseScore >= 0.0 && baseScore <= 10.0)) {
      throw invalid(vector, "the computed base score " + baseScore + " is outside 0.0 to 10.0");
    }

    VulnSeverity severity =
        version == Version.V2_0 ? VulnSeverity.fromCvssV2Score(baseScore) : VulnSeverity.fromScore(baseScore);
    return new BaseScore(version, baseScore, severity, vector);
  }

  private static Version versionOf(String vector) {
    if (vector.startsWith("CVSS:")) {
      int slash = vector.indexOf('/');
      String label = slash < 0 ? vector.substring(5) : vector.substring(5, slash);
      for (Version version : Version.values()) {
        if (version != Version.V2_0 && version.label().equals(label)) {
          return version;
        }
      }
      throw invalid(vector, "CVSS version '" + label + "' is not supported (supported: 2.0, 3.0, 3.1, 4.0)");
    }
    if (vector.startsWith("AV:") || vector.startsWith("(AV:")) {
      return Version.V2_0;
    }
    throw invalid(vector, "expected a CVSS:3.0, CVSS:3.1 or CVSS:4.0 prefix, or a version 2 vector starting with AV:");
  }

  /**
   * Rejects control characters, segments that are not METRIC:VALUE and repeated metrics, some of
   * which the library lets pass or fails on with an unclear message.
   */
  private static void checkMetrics(String vector, Version version) {
    for (int i = 0; i < vector.length(); i++) {
      char c = vector.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw invalid(vector, String.format("character U+%04X at index %d is not allowed", (int) c, i));
      }
    }
    String body = vector;
    if (version == Version.V2_0 && body.startsWith("(")) {
      if (!body.endsWith(")")) {
        throw invalid(vector, "the opening parenthesis is not closed");
      }
      body = body.substring(1, body.length() - 1);
    }
    String[] segments = body.split("/", -1);
    int first = version == Version.V2_0 ? 0 : 1;
    Set<String> seen = new HashSet<>();
    for (int i = first; i < segments.length; i++) {
      String segment = segments[i];
      int colon = segment.indexOf(':');
      if (colon <= 0 || colon == segment.length() - 1 || !isMetricText(segment, colon)) {
        throw invalid(vector, "segment " + (i + 1) + " '" + segment + "' is not of the form METRIC:VALUE");
      }
      String metric = segment.substring(0, colon);
      if (!seen.add(metric)) {
        throw invalid(vector, "metric " + metric + " appears more than once");
      }
    }
  }

  /** Returns whether both sides of the colon are ASCII letters and digits only. */
  private static boolean isMetricText(String segment, int colon) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (i != colon && !alphanumeric) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException invalid(String vector, String reason) {
    return new IllegalArgumentException("invalid CVSS vector '" + printable(vector) + "': " + reason);
  }

  private static IllegalArgumentException invalid(String vector, String reason, Throwable cause) {
    return new IllegalArgumentException("invalid CVSS vector '" + printable(vector) + "': " + reason, cause);
  }

  private static String printable(String vector) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < vector.length() && i < 200; i++) {
      char c = vector.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return vector.length() > 200 ? out + "..." : out.toString();
  }
}
