package io.hullscope.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes the {@link WasteReport} of an image by applying its layers and counting what they lose. */
final class WasteCalculator {

  private WasteCalculator() {}

  static WasteReport compute(List<LayerIndex> layers) {
    TreeBuilder builder = new TreeBuilder();
    Map<String, Waste> wasted = new HashMap<>();
    long imageBytes = 0;
    for (int layer = 0; layer < layers.size(); layer++) {
      LayerIndex index = layers.get(layer);
      imageBytes += index.fileBytes();
      builder.apply(index, layer, false, (path, node) -> collect(node, wasted));
    }
    List<WastedFile> files = new ArrayList<>();
    long wastedBytes = 0;
    for (Map.Entry<String, Waste> item : wasted.entrySet()) {
      Waste waste = item.getValue();
      if (waste.bytes == 0) {
        continue;
      }
      MutableNode visible = builder.find(item.getKey());
      if (visible != null && visible.entry != null && visible.entry.type() == EntryType.FILE) {
        waste.layers.set(visible.layer);
      }
      List<Integer> layerList = new ArrayList<>(waste.layers.cardinality());
      waste.layers.stream().forEach(layerList::add);
      files.add(new WastedFile(item.getKey(), waste.bytes, layerList));
      wastedBytes += waste.bytes;
    }
    files.sort(Comparator.comparingLong(WastedFile::wastedBytes).reversed().thenComparing(WastedFile::path));
    double efficiency = imageBytes == 0 ? 1.0 : 1.0 - (double) wastedBytes / imageBytes;
    return new WasteReport(files, wastedBytes, imageBytes, efficiency);
  }

  /** Adds every regular file in a lost subtree to the waste. */
  private static void collect(MutableNode lost, Map<String, Waste> wasted) {
    ArrayDeque<MutableNode> pending = new ArrayDeque<>();
    pending.push(lost);
    while (!pending.isEmpty()) {
      MutableNode node = pending.pop();
      if (node.entry != null && node.entry.type() == EntryType.FILE) {
        Waste waste = wasted.computeIfAbsent(node.entry.path(), path -> new Waste());
        waste.bytes += node.entry.size();
        waste.layers.set(node.layer);
      }
      if (node.children != null && node.isDirectory()) {
        node.children.values().forEach(pending::push);
      }
    }
  }

  private static final class Waste {
    long bytes;
    final BitSet layers = new BitSet();
  }
}
