package io.hullscope.source.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the Docker Engine API version to speak, as the Docker CLI does: the lower of the
 * client's newest supported version and the server's {@code ApiVersion}, rejected when that is
 * older than what the client needs or than the server's {@code MinAPIVersion}.
 */
final class ApiVersions {

  /**
   * Oldest version whose endpoints this source reads: image list, inspect, history and save all
   * have the fields used here since 1.24 (Docker 1.12).
   */
  static final String CLIENT_MIN = "1.24";

  /** Newest version docker-java 3.7 names ({@code RemoteApiVersion.VERSION_1_44}, Docker 25). */
  static final String CLIENT_MAX = "1.44";

  private static final Pattern VERSION = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

  private ApiVersions() {}

  /**
   * Returns the version to use with a server.
   *
   * @param serverVersion the server's {@code ApiVersion} from {@code GET /version}
   * @param serverMin the server's {@code MinAPIVersion}, or null when the server does not report it
   * @throws IllegalArgumentException when a version is not of the form {@code major.minor}
   * @throws UnsupportedApiVersionException when no version suits both sides
   */
  static String negotiate(String serverVersion, String serverMin) {
    int[] server = parse(serverVersion);
    int[] client = parse(CLIENT_MAX);
    if (compare(server, parse(CLIENT_MIN)) < 0) {
      throw new UnsupportedApiVersionException("the Docker daemon speaks API " + serverVersion
          + " but Hullscope needs at least " + CLIENT_MIN + "; upgrade Docker");
    }
    if (serverMin != null && compare(parse(serverMin), client) > 0) {
      throw new UnsupportedApiVersionException("the Docker daemon needs API " + serverMin
          + " or newer but Hullscope speaks at most " + CLIENT_MAX + "; upgrade Hullscope");
    }
    return compare(server, client) < 0 ? serverVersion.strip() : CLIENT_MAX;
  }

  /** Compares two {@code major.minor} versions numerically, so 1.9 is older than 1.10. */
  static int compare(String left, String right) {
    return compare(parse(left), parse(right));
  }

  private static int compare(int[] left, int[] right) {
    int major = Integer.compare(left[0], right[0]);
    return major != 0 ? major : Integer.compare(left[1], right[1]);
  }

  private static int[] parse(String version) {
    Matcher matcher = VERSION.matcher(version == null ? "" : version.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("invalid Docker API version '" + version + "': expected major.minor");
    }
    return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
  }

  /** No API version suits both the daemon and this client. */
  static final class UnsupportedApiVersionException extends RuntimeException {
    UnsupportedApiVersionException(String message) {
      super(message);
    }
  }
}
