package io.hullscope.ui.sbom;

import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.ui.layers.LayerRow;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer as the SBOM tab names it: its position, the short form of its diff id and the history
 * command that created it, shortened the way the Layers tab shows it.
 *
 * @param index position of the layer, bottom first, as the Layers tab numbers it
 * @param diffId digest of the uncompressed layer; null when neither the SBOM nor the analysis has it
 * @param command the history command, or an empty string
 */
public record SbomLayer(int index, Digest diffId, String command) {

  /**
   * Returns the label of the layer with its command on one line and cut to the length the Layers
   * tab shows, for example {@code #2 3f1c0e9a7b21 RUN apt-get install -y curl}.
   */
  public String label() {
    return withCommand(new LayerRow(index, -1, 0, 0, command).shortCommand());
  }

  /** Returns the label of the layer with the whole history command, for the details pane. */
  public String fullLabel() {
    return withCommand(command.strip());
  }

  private String withCommand(String text) {
    StringBuilder label = new StringBuilder("#").append(index);
    if (diffId != null) {
      label.append(' ').append(diffId.shortHex());
    }
    if (!text.isEmpty()) {
      label.append(' ').append(text);
    }
    return label.toString();
  }

  /**
   * Describes the layers of an SBOM. Diff ids come from the SBOM and, where it has none, from the
   * analysis, which also supplies the history commands. The analysis may be null.
   */
  static List<SbomLayer> of(ImageSbom sbom, ImageAnalysis analysis) {
    int count = sbom.layers().size();
    List<HistoryEntry> history = List.of();
    if (analysis != null) {
      count = Math.max(count, analysis.layers().size());
      history = analysis.image().config().layerHistory();
    }
    List<SbomLayer> layers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Digest diffId = null;
      if (i < sbom.layers().size()) {
        diffId = sbom.layers().get(i);
      } else if (analysis != null) {
        diffId = analysis.layers().get(i).diffId();
      }
      String command = i < history.size() ? history.get(i).description() : "";
      layers.add(new SbomLayer(i, diffId, command));
    }
    return layers;
  }
}
