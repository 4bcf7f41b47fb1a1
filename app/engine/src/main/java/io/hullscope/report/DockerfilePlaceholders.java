package io.hullscope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markers a reconstructed or suggested Dockerfile leaves where only the user knows the value,
 * such as {@code <fill-in:base-image>}. A Dockerfile that still contains one does not build as
 * intended; the comment above each marker explains what to put there.
 */
public final class DockerfilePlaceholders {

  /** Every marker: {@code <fill-in:NAME>} with a lower-case name of letters, digits and dashes. */
  public static final Pattern MARKER = Pattern.compile("<fill-in:([a-z0-9-]+)>");

  /** The base image's name. */
  public static final String BASE_IMAGE = marker("base-image");
  /** The base image's digest, without the {@code sha256:} prefix. */
  public static final String BASE_DIGEST = marker("base-digest");

  private DockerfilePlaceholders() {}

  /** Returns the marker with this name. */
  public static String marker(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("invalid placeholder name '" + name + "'");
    }
    return "<fill-in:" + name + ">";
  }

  /** The marker for the build-context source of the COPY or ADD at history {@code index}. */
  static String copySource(int index) {
    return marker("source-of-step-" + (index + 1));
  }

  /** Returns the names of the markers in a text, in order, each once. */
  public static List<String> names(String text) {
    List<String> names = new ArrayList<>();
    Matcher matcher = MARKER.matcher(text);
    while (matcher.find()) {
      if (!names.contains(matcher.group(1))) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}
