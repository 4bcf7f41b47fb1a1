package io.hullscope.source.harbor;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How to reach one Harbor instance.
 *
 * @param url the Harbor address, for example {@code https://harbor.example.com}; the API lives
 *     below {@code /api/v2.0}
 * @param username a user name or a robot account ({@code robot$project+name}); null for anonymous
 *     access
 * @param secret the password or robot secret; null for anonymous access. It is never printed:
 *     {@link #toString()} leaves it out
 * @param caFile a PEM file with the certificate authorities to trust in addition to the system's;
 *     null for the system's only
 * @param insecure true to allow a plain {@code http://} address; HTTPS certificates are always
 *     verified
 * @param robotPrefix the prefix of robot account names, {@code robot$} unless the Harbor
 *     administrator changed it
 */
public record HarborConnection(URI url, String username, String secret, Path caFile, boolean insecure,
    String robotPrefix) {

  /** The robot account prefix Harbor uses unless configured otherwise. */
  public static final String DEFAULT_ROBOT_PREFIX = "robot$";

  public HarborConnection {
    if (url == null || url.getHost() == null) {
      throw new IllegalArgumentException("invalid Harbor address '" + url + "': give a URL such as https://harbor.example.com");
    }
    String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && insecure)) {
      throw new IllegalArgumentException("Harbor address " + url + " is not HTTPS; turn on 'insecure' to use plain HTTP"
          + " for this host");
    }
    if ((username == null) != (secret == null)) {
      throw new IllegalArgumentException("give both a user name and a secret, or neither for anonymous access");
    }
    robotPrefix = robotPrefix == null || robotPrefix.isEmpty() ? DEFAULT_ROBOT_PREFIX : robotPrefix;
  }

  /** Returns an anonymous connection with the default settings. */
  public static HarborConnection anonymous(URI url) {
    return new HarborConnection(url, null, null, null, false, null);
  }

  /** Returns a connection with credentials and the default settings. */
  public static HarborConnection withCredentials(URI url, String username, String secret) {
    return new HarborConnection(url, username, secret, null, false, null);
  }

  /** Returns true when credentials are set. */
  public boolean hasCredentials() {
    return username != null;
  }

  /** Returns true when the user name is a robot account's. */
  public boolean isRobot() {
    return username != null && username.startsWith(robotPrefix);
  }

  /** Describes the connection without its secret. */
  @Override
  public String toString() {
    return "HarborConnection[" + url + (username == null ? ", anonymous" : ", user " + username)
        + (caFile == null ? "" : ", CA " + caFile) + (insecure ? ", insecure" : "") + "]";
  }
}
