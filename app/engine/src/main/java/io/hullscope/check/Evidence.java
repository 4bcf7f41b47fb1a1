package io.hullscope.check;

/**
 * One place that shows a finding is real, precise enough for the desktop app to jump there.
 *
 * <p>A file evidence names the layer and the path; a history evidence names the index of the
 * history entry in the config's {@code history} array; a config evidence names the field, for
 * example {@code Env} or {@code User}. The text is what was seen, with any secret value already
 * redacted.
 *
 * @param kind what the evidence points at
 * @param layer layer position (0-based, bottom first), or -1 when the evidence is not in a layer
 * @param path file path without a leading slash, or null
 * @param historyIndex index in the config's full {@code history} array (empty layers included), or -1
 * @param field config field, such as {@code User}, {@code Env}, {@code Labels} or {@code ExposedPorts}, or null
 * @param text what was seen, redacted; never null
 */
public record Evidence(Kind kind, int layer, String path, int historyIndex, String field, String text) {

  /** What an evidence points at. */
  public enum Kind {
    /** A file in a layer. */
    FILE,
    /** A line of the image history, usually a Dockerfile instruction. */
    HISTORY,
    /** A field of the image config. */
    CONFIG,
    /** A package of the SBOM; {@code path} is its evidence file, {@code text} its name and version. */
    PACKAGE,
    /** A vulnerability scan result. */
    SCAN,
    /** A signature or its absence. */
    SIGNATURE,
    /** A setting of a Harbor project; {@code field} names it. */
    HARBOR
  }

  public Evidence {
    if (kind == null) {
      throw new IllegalArgumentException("evidence needs a kind");
    }
    text = text == null ? "" : text;
  }

  /** Evidence that a file exists in a layer. */
  public static Evidence file(int layer, String path, String text) {
    return new Evidence(Kind.FILE, layer, path, -1, null, text);
  }

  /** Evidence in a history entry; {@code layer} is the layer the entry produced, or -1 for an empty one. */
  public static Evidence history(int historyIndex, int layer, String text) {
    return new Evidence(Kind.HISTORY, layer, null, historyIndex, null, text);
  }

  /** Evidence in a config field. */
  public static Evidence config(String field, String text) {
    return new Evidence(Kind.CONFIG, -1, null, -1, field, text);
  }

  /** Evidence of another kind, described by text alone. */
  public static Evidence of(Kind kind, String text) {
    return new Evidence(kind, -1, null, -1, null, text);
  }
}
