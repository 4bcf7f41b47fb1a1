package io.hullscope.index;

import java.util.List;

/**
 * One file or directory of a {@link FileTree}. Nodes are light views over the tree's arrays; two
 * views of the same node are equal.
 */
public interface TreeNode {

  /** Last path component; the empty string for the root. */
  String name();

  /** Normalized path from the root, see {@link FileEntry#path()}; the empty string for the root. */
  String path();

  /** The entry that set this node, or null for the root and for directories a tar only implied. */
  FileEntry entry();

  /**
   * Index of the layer that last set this node; for an implied directory, the layer that first
   * needed it; -1 for the root.
   */
  int layer();

  /** Returns the change the tree's layer made to this node, see {@link FileTree}. */
  ChangeKind change();

  /** The parent, or null for the root. */
  TreeNode parent();

  /** Children sorted by name ({@link String#compareTo}); empty for everything but directories. */
  List<TreeNode> children();

  /**
   * Bytes of the regular files at or below this node. Nodes marked {@link ChangeKind#DELETED}
   * report the bytes they hid but never add to their ancestors.
   */
  long totalSize();

  /** Number of entries that are not directories at or below this node, counted like {@link #totalSize()}. */
  int fileCount();

  /** True for directories, including implied ones and the root. */
  boolean isDirectory();
}
