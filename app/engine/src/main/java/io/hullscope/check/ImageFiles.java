package io.hullscope.check;

import io.hullscope.index.EntryNames;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.TreeNode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the final file system of an image for the checks. */
final class ImageFiles {

  /** Symlink hops followed before a path counts as a loop; the Linux kernel stops at 40 too. */
  private static final int MAX_LINKS = 40;

  private ImageFiles() {}

  /** Returns the file system that a container of the image starts with: the tree after the last layer. */
  static FileTree finalTree(ImageAnalysis analysis) {
    return analysis.squashed(analysis.layers().size() - 1);
  }

  /** Calls {@code visitor} for every node of the tree that has an entry, parents before children. */
  static void walk(FileTree tree, Consumer<TreeNode> visitor) {
    ArrayDeque<TreeNode> pending = new ArrayDeque<>();
    pending.push(tree.root());
    while (!pending.isEmpty()) {
      TreeNode node = pending.pop();
      if (node.entry() != null) {
        visitor.accept(node);
      }
      List<TreeNode> children = node.children();
      for (int i = children.size() - 1; i >= 0; i--) {
        pending.push(children.get(i));
      }
    }
  }

  /**
   * Finds a path, following a symlink in its last component, as {@code /etc/os-release} usually is
   * one. Returns empty when the path or a link target is missing or the links form a loop.
   */
  static Optional<TreeNode> resolve(FileTree tree, String path) {
    String current = path;
    for (int hops = 0; hops <= MAX_LINKS; hops++) {
      Optional<TreeNode> node = tree.find(current);
      FileEntry entry = node.map(TreeNode::entry).orElse(null);
      if (entry == null || entry.type() != EntryType.SYMLINK) {
        return node;
      }
      String target = entry.linkTarget();
      String base = target.startsWith("/") ? "" : EntryNames.parent(node.get().path());
      // Rooted, so that a ".." above the root stays at the root, as the kernel resolves it.
      current = EntryNames.normalize("/" + base + "/" + target);
    }
    return Optional.empty();
  }
}
