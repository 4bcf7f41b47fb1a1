package io.hullscope.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed image reference such as {@code nginx:1.27} or
 * {@code harbor.example.com/team/app@sha256:...}, normalized the way Docker normalizes it.
 *
 * <p>Grammar: https://github.com/distribution/reference/blob/main/reference.go. A first path
 * component is a registry host when it contains a dot or a colon, or is {@code localhost}.
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern HOST = Pattern.compile("(?:[a-zA-Z0-9-]+\\.)*[a-zA-Z0-9-]+(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

  public ImageReference {
    if (registry == null || repository == null) {
      throw new IllegalArgumentException("image reference needs a registry and a repository");
    }
  }

  /**
   * Parses a reference; a reference without tag or digest gets the tag {@code latest}.
   *
   * @throws IllegalArgumentException naming the invalid part
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank() || text.length() > 4096) {
      throw new IllegalArgumentException("invalid image reference '" + text + "'");
    }
    String rest = text.strip();
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Digest.parse(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("invalid tag '" + tag + "' in image reference '" + text + "'");
      }
    }
    String registry = DOCKER_HUB;
    int firstSlash = rest.indexOf('/');
    if (firstSlash > 0) {
      String first = rest.substring(0, firstSlash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        if (!HOST.matcher(first).matches()) {
          throw new IllegalArgumentException("invalid registry host '" + first + "' in image reference '" + text + "'");
        }
        registry = first.toLowerCase(Locale.ROOT);
        rest = rest.substring(firstSlash + 1);
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("image reference '" + text + "' has no repository");
    }
    for (String component : rest.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new IllegalArgumentException(
            "invalid repository name component '" + component + "' in image reference '" + text
                + "' (lower-case letters, digits and separators only)");
      }
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  /** Returns the short form Docker prints: no {@code docker.io/library/} prefix. */
  public String familiar() {
    String name = repository;
    if (registry.equals(DOCKER_HUB)) {
      name = repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
    } else {
      name = registry + "/" + repository;
    }
    return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  @Override
  public String toString() {
    return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
