package io.hullscope.index;

import java.util.List;

/**
 * Space an image stores in its layers but does not show in its final file system.
 *
 * <p>{@code imageBytes} is the sum of the sizes of all regular-file entries of all layers
 * (uncompressed, each stored version counted). A version of a path is wasted when the final image
 * does not show it. Either a later entry for the same path overwrote it (in a later layer or later
 * in the same layer), or a whiteout, an opaque directory or a replaced parent directory removed it.
 * {@code wastedBytes} is the sum of the sizes of wasted versions, and {@code efficiency = 1 -
 * wastedBytes / imageBytes}, or 1 for an image without file bytes. Identical content at different
 * paths is not detected.
 *
 * @param files paths with wasted bytes, most wasted first
 */
public record WasteReport(List<WastedFile> files, long wastedBytes, long imageBytes, double efficiency) {

  public WasteReport {
    files = List.copyOf(files);
  }
}
