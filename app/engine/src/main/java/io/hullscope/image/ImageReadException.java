package io.hullscope.image;

import java.io.IOException;

/**
 * An image, layer or entry could not be read. The message names the image, the layer and the
 * entry where they are known, and states the problem, so a user can act on it.
 */
public class ImageReadException extends IOException {

  private final String image;
  private final String layer;
  private final String entry;

  public ImageReadException(String image, String layer, String entry, String problem, Throwable cause) {
    super(compose(image, layer, entry, problem), cause);
    this.image = image;
    this.layer = layer;
    this.entry = entry;
  }

  public ImageReadException(String image, String layer, String entry, String problem) {
    this(image, layer, entry, problem, null);
  }

  /** Returns the image, as its reference or file name, or null. */
  public String image() {
    return image;
  }

  /** Returns the layer, as its digest or position, or null. */
  public String layer() {
    return layer;
  }

  /** Returns the entry path inside the layer or archive, or null. */
  public String entry() {
    return entry;
  }

  private static String compose(String image, String layer, String entry, String problem) {
    StringBuilder text = new StringBuilder("Cannot read ");
    text.append(image == null ? "image" : "image " + image);
    if (layer != null) {
      text.append(", layer ").append(layer);
    }
    if (entry != null) {
      text.append(", entry ").append(entry);
    }
    return text.append(": ").append(problem).toString();
  }
}
