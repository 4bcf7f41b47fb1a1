package io.hullscope.compare;

import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.index.LayerIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The layers of two images side by side. A layer is shared when the other image has a layer with
 * the same diff id at any position, so a rebuilt image that reuses its base layers shows them as
 * shared even when a layer was inserted below.
 *
 * @param rows one row per position, up to the longer image's layer count
 * @param shared diff ids both images contain, in the left image's order
 * @param added diff ids only the right image contains, in its order
 * @param removed diff ids only the left image contains, in its order
 */
public record LayerComparison(List<Row> rows, List<Digest> shared, List<Digest> added, List<Digest> removed) {

  public LayerComparison {
    rows = List.copyOf(rows);
    shared = List.copyOf(shared);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /**
   * The layers at one position.
   *
   * @param position 0-based, bottom first
   * @param left the left image's layer, or null when it has fewer layers
   * @param right the right image's layer, or null when it has fewer layers
   */
  public record Row(int position, Side left, Side right) {

    /** Returns true when both images have the same layer at this position. */
    public boolean samePosition() {
      return left != null && right != null && left.diffId().equals(right.diffId());
    }
  }

  /**
   * One layer of one image.
   *
   * @param diffId digest of the uncompressed tar
   * @param size uncompressed size in bytes
   * @param createdBy the history step that produced it, or empty when the history does not say
   * @param shared true when the other image contains the same diff id at any position
   */
  public record Side(Digest diffId, long size, String createdBy, boolean shared) {}

  static LayerComparison of(ComparedImage left, ComparedImage right) {
    List<LayerIndex> leftLayers = left.analysis().layers();
    List<LayerIndex> rightLayers = right.analysis().layers();
    Set<Digest> leftIds = new HashSet<>();
    leftLayers.forEach(layer -> leftIds.add(layer.diffId()));
    Set<Digest> rightIds = new HashSet<>();
    rightLayers.forEach(layer -> rightIds.add(layer.diffId()));

    List<Row> rows = new ArrayList<>();
    List<HistoryEntry> leftHistory = left.config().layerHistory();
    List<HistoryEntry> rightHistory = right.config().layerHistory();
    int count = Math.max(leftLayers.size(), rightLayers.size());
    for (int position = 0; position < count; position++) {
      rows.add(new Row(position, side(leftLayers, leftHistory, position, rightIds),
          side(rightLayers, rightHistory, position, leftIds)));
    }

    List<Digest> shared = new ArrayList<>();
    List<Digest> removed = new ArrayList<>();
    for (LayerIndex layer : leftLayers) {
      (rightIds.contains(layer.diffId()) ? shared : removed).add(layer.diffId());
    }
    List<Digest> added = new ArrayList<>();
    for (LayerIndex layer : rightLayers) {
      if (!leftIds.contains(layer.diffId())) {
        added.add(layer.diffId());
      }
    }
    return new LayerComparison(rows, shared, added, removed);
  }

  private static Side side(List<LayerIndex> layers, List<HistoryEntry> history, int position, Set<Digest> otherIds) {
    if (position >= layers.size()) {
      return null;
    }
    LayerIndex layer = layers.get(position);
    HistoryEntry step = position < history.size() ? history.get(position) : null;
    String createdBy = step == null || step.createdBy() == null ? "" : ConfigDiffer.maskText(step.createdBy());
    return new Side(layer.diffId(), layer.uncompressedSize(), createdBy, otherIds.contains(layer.diffId()));
  }
}
