package io.hullscope.ui.overview;

/**
 * One step of the image history on the Overview.
 *
 * @param index the step's index in the config's full history, empty layers included
 * @param instruction the instruction as shown, with secret-looking values masked unless revealed
 * @param layer the layer the step produced, or -1 when it changed only metadata
 */
public record HistoryRow(int index, String instruction, int layer) {

  /** Returns the step number as people count, starting at 1. */
  public int step() {
    return index + 1;
  }

  /** Returns "layer #2", or "no layer" for a step that changed only metadata. */
  public String layerText() {
    return layer < 0 ? "no layer" : "layer #" + layer;
  }
}
