package io.hullscope.index;

import io.hullscope.image.Image;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one result of indexing an image, read by the UI, the CLI and every export.
 *
 * <p>Trees are computed on demand from the layer indexes; the last squashed tree and the last
 * change tree are kept, so a view that asks twice pays once. All methods are thread-safe.
 */
public final class ImageAnalysis {

  private final Image image;
  private final List<LayerIndex> layers;
  private FileTree lastSquashed;
  private FileTree lastChanges;
  private WasteReport waste;

  public ImageAnalysis(Image image, List<LayerIndex> layers) {
    this.image = image;
    this.layers = List.copyOf(layers);
  }

  /** The image analysed; it may have been closed since, so only its metadata is safe to read. */
  public Image image() {
    return image;
  }

  /** Layer indexes in image order, bottom first. */
  public List<LayerIndex> layers() {
    return layers;
  }

  /** The whole file system as seen after {@code upToLayer}, with that layer's changes marked. */
  public synchronized FileTree squashed(int upToLayer) {
    checkLayer(upToLayer);
    if (lastSquashed == null || lastSquashed.layer() != upToLayer) {
      TreeBuilder builder = new TreeBuilder();
      for (int layer = 0; layer <= upToLayer; layer++) {
        builder.apply(layers.get(layer), layer, layer == upToLayer, TreeBuilder.IGNORE_LOSSES);
      }
      lastSquashed = FileTree.freeze(builder.root, upToLayer);
    }
    return lastSquashed;
  }

  /**
   * Only what {@code layer} changed: the nodes it added or modified, the nodes it deleted (by
   * whiteout, opaque directory or by replacing a directory), and the directories leading to them.
   */
  public synchronized FileTree changes(int layer) {
    checkLayer(layer);
    if (lastChanges == null || lastChanges.layer() != layer) {
      lastChanges = buildChanges(layer);
    }
    return lastChanges;
  }

  /** Space stored in layers but hidden in the final image; see {@link WasteReport}. */
  public synchronized WasteReport waste() {
    if (waste == null) {
      waste = WasteCalculator.compute(layers);
    }
    return waste;
  }

  private FileTree buildChanges(int layer) {
    TreeBuilder squashed = new TreeBuilder();
    for (int lower = 0; lower < layer; lower++) {
      squashed.apply(layers.get(lower), lower, false, TreeBuilder.IGNORE_LOSSES);
    }
    List<String> lostPaths = new ArrayList<>();
    List<MutableNode> lostNodes = new ArrayList<>();
    squashed.apply(layers.get(layer), layer, true, (path, node) -> {
      lostPaths.add(path);
      lostNodes.add(node);
    });

    TreeBuilder changes = new TreeBuilder();
    Function<String, ChangeKind> impliedMark = path -> {
      MutableNode node = squashed.find(path);
      return node != null && node.entry == null && node.layer == layer ? node.change : ChangeKind.UNCHANGED;
    };
    for (FileEntry entry : layers.get(layer).entries()) {
      MutableNode node = squashed.find(entry.path());
      if (node != null && node.entry == entry) {
        changes.place(entry.path(), entry, layer, node.change, impliedMark);
      }
    }
    for (int i = 0; i < lostPaths.size(); i++) {
      attachDeleted(lostPaths.get(i), lostNodes.get(i), squashed, changes, impliedMark);
    }
    return FileTree.freeze(changes.root, layer);
  }

  /** Adds the parts of a lost subtree that the layer did not put back, marked DELETED. */
  private static void attachDeleted(String path, MutableNode lost, TreeBuilder squashed, TreeBuilder changes,
      Function<String, ChangeKind> impliedMark) {
    MutableNode now = squashed.find(path);
    if (now == null) {
      markDeleted(lost);
      changes.attach(path, lost, impliedMark);
    } else if (now.isDirectory() && lost.isDirectory() && lost.children != null) {
      for (MutableNode child : lost.children.values()) {
        attachDeleted(EntryNames.child(path, child.name), child, squashed, changes, impliedMark);
      }
    }
  }

  private static void markDeleted(MutableNode subtree) {
    ArrayDeque<MutableNode> pending = new ArrayDeque<>();
    pending.push(subtree);
    while (!pending.isEmpty()) {
      MutableNode node = pending.pop();
      node.change = ChangeKind.DELETED;
      if (node.children != null && node.isDirectory()) {
        node.children.values().forEach(pending::push);
      }
    }
  }

  private void checkLayer(int layer) {
    if (layer < 0 || layer >= layers.size()) {
      throw new IllegalArgumentException(
          "layer " + layer + " does not exist; the image has " + layers.size() + " layers");
    }
  }
}
