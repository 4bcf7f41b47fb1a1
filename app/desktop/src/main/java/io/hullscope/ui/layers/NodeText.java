package io.hullscope.ui.layers;

import io.hullscope.cli.ByteSizes;
import io.hullscope.index.ChangeKind;
import io.hullscope.index.EntryNames;
import io.hullscope.index.FileEntry;
import io.hullscope.index.TreeNode;
import java.util.Locale;

/** The texts and style classes of a file node's columns, shared by the file tree and the search results. */
final class NodeText {

  static final String MODE_SPECIAL = "mode-special";

  private NodeText() {}

  /** Returns "added", "modified" or "deleted", or null for an unchanged node. */
  static String change(TreeNode node) {
    if (node.change() == null || node.change() == ChangeKind.UNCHANGED) {
      return null;
    }
    return node.change().name().toLowerCase(Locale.ROOT);
  }

  /** Returns the style class that colors the change mark, or null for an unchanged node. */
  static String changeStyle(TreeNode node) {
    String change = change(node);
    return change == null ? null : "change-" + change;
  }

  static String size(TreeNode node) {
    return ByteSizes.format(node.totalSize());
  }

  /** Returns the mode as {@code ls -l} shows it, or null for an implied directory without an entry. */
  static String mode(TreeNode node) {
    FileEntry entry = node.entry();
    return entry == null ? null : FileModes.format(entry.type(), entry.mode());
  }

  static boolean hasSpecialMode(TreeNode node) {
    FileEntry entry = node.entry();
    return entry != null && (entry.isSetuid() || entry.isSetgid());
  }

  static String owner(TreeNode node) {
    FileEntry entry = node.entry();
    return entry == null ? "" : entry.uid() + ":" + entry.gid();
  }

  static String linkTarget(TreeNode node) {
    FileEntry entry = node.entry();
    return entry == null || entry.linkTarget() == null ? "" : EntryNames.display(entry.linkTarget());
  }

  /** Returns the absolute path, with a slash after a directory. */
  static String path(TreeNode node) {
    return "/" + EntryNames.display(node.path()) + (node.isDirectory() ? "/" : "");
  }
}
