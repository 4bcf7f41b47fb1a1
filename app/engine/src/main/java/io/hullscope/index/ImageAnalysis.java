package io.hullscope.index;

import io.hullscope.image.Image;
import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one result of indexing an image, read by the UI, the CLI and every export.
 *
 * <p>Trees are computed on demand from the layer indexes and kept through soft references, so a
 * repeated request costs nothing while memory allows. All methods are thread-safe.
 */
public final class ImageAnalysis {

  private final Image image;
  private final List<LayerIndex> layers;
  private final Map<Integer, SoftReference<FileTree>> squashedTrees = new HashMap<>();
  private final Map<Integer, SoftReference<FileTree>> changeTrees = new HashMap<>();
  private WasteReport waste;

  public ImageAnalysis(Image image, List<LayerIndex> layers) {
    this.image = image;
    this.layers = List.copyOf(layers);
  }

  /** Returns the analysed image. It may have been closed since, so only its metadata is safe to read. */
  public Image image() {
    return image;
  }

  /** Returns the layer indexes in image order, bottom first. */
  public List<LayerIndex> layers() {
    return layers;
  }

  /**
   * Returns the whole file system as seen after {@code upToLayer}, with that layer's changes
   * marked. Layer -1 is the empty file system before the first layer, so an image without layers
   * still has a tree.
   */
  public synchronized FileTree squashed(int upToLayer) {
    if (upToLayer != -1) {
      checkLayer(upToLayer);
    }
    FileTree tree = cached(squashedTrees, upToLayer);
    if (tree == null) {
      TreeBuilder builder = new TreeBuilder();
      for (int layer = 0; layer <= upToLayer; layer++) {
        builder.apply(layers.get(layer), layer, layer == upToLayer, TreeBuilder.IGNORE_LOSSES);
      }
      tree = FileTree.freeze(builder.root, upToLayer);
      squashedTrees.put(upToLayer, new SoftReference<>(tree));
    }
    return tree;
  }

  /**
   * Only what {@code layer} changed: the nodes it added or modified, the nodes it deleted (by
   * whiteout, opaque directory or by replacing a directory), and the directories leading to them.
   */
  public synchronized FileTree changes(int layer) {
    checkLayer(layer);
    FileTree tree = cached(changeTrees, layer);
    if (tree == null) {
      tree = buildChanges(layer);
      changeTrees.put(layer, new SoftReference<>(tree));
    }
    return tree;
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
    attachDeleted(lostPaths, lostNodes, squashed, changes, impliedMark);
    return FileTree.freeze(changes.root, layer);
  }

  /** Adds the parts of lost subtrees that the layer did not put back, marked DELETED. */
  private static void attachDeleted(List<String> paths, List<MutableNode> nodes, TreeBuilder squashed,
      TreeBuilder changes, Function<String, ChangeKind> impliedMark) {
    ArrayDeque<String> pendingPaths = new ArrayDeque<>(paths);
    ArrayDeque<MutableNode> pendingNodes = new ArrayDeque<>(nodes);
    while (!pendingPaths.isEmpty()) {
      String path = pendingPaths.poll();
      MutableNode lost = pendingNodes.poll();
      MutableNode now = squashed.find(path);
      if (now == null) {
        markDeleted(lost);
        changes.attach(path, lost, impliedMark);
      } else if (now.isDirectory() && lost.isDirectory() && lost.children != null) {
        for (MutableNode child : lost.children.values()) {
          pendingPaths.add(EntryNames.child(path, child.name));
          pendingNodes.add(child);
        }
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

  private static FileTree cached(Map<Integer, SoftReference<FileTree>> trees, int layer) {
    SoftReference<FileTree> reference = trees.get(layer);
    return reference == null ? null : reference.get();
  }

  private void checkLayer(int layer) {
    if (layer < 0 || layer >= layers.size()) {
      throw new IllegalArgumentException(
          "layer " + layer + " does not exist; the image has " + layers.size() + " layers");
    }
  }
}
