package io.hullscope.compare;

import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.TreeNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks the final file systems of two images side by side, in path order.
 *
 * <p>The walk uses its own stack, so a hostile image with very deep folders cannot overflow the
 * thread's stack. A path that is a folder in one image and a file in the other counts as changed
 * (its type), and the folder's contents count as added or removed below it. Whiteouts need no
 * handling here, because the squashed trees already leave deleted paths out.
 */
final class FileDiffer {

  private final int limit;
  private final List<FileChange> kept = new ArrayList<>();
  private int added;
  private int removed;
  private int changed;

  private FileDiffer(int limit) {
    this.limit = limit;
  }

  static FileComparison compare(ImageAnalysis left, ImageAnalysis right, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the file change limit must be 0 or more, not " + limit);
    }
    FileTree leftTree = finalTree(left);
    FileTree rightTree = finalTree(right);
    FileDiffer differ = new FileDiffer(limit);
    differ.walk(leftTree.root(), rightTree.root());
    int total = differ.added + differ.removed + differ.changed;
    return new FileComparison(differ.kept, differ.added, differ.removed, differ.changed, total - differ.kept.size(),
        leftTree.totalSize(), rightTree.totalSize());
  }

  /** Returns the file system after the top layer; an image without layers has an empty one. */
  private static FileTree finalTree(ImageAnalysis analysis) {
    return analysis.squashed(analysis.layers().size() - 1);
  }

  /** Children of one folder on each side still to be merged; either list may be empty. */
  private static final class Frame {
    final List<TreeNode> left;
    final List<TreeNode> right;
    int leftIndex;
    int rightIndex;

    Frame(List<TreeNode> left, List<TreeNode> right) {
      this.left = left;
      this.right = right;
    }
  }

  private void walk(TreeNode leftRoot, TreeNode rightRoot) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(leftRoot.children(), rightRoot.children()));
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      TreeNode left = frame.leftIndex < frame.left.size() ? frame.left.get(frame.leftIndex) : null;
      TreeNode right = frame.rightIndex < frame.right.size() ? frame.right.get(frame.rightIndex) : null;
      if (left == null && right == null) {
        stack.pop();
        continue;
      }
      // Children are sorted by String.compareTo, so merging by the same order pairs equal names.
      int order;
      if (left == null) {
        order = 1;
      } else if (right == null) {
        order = -1;
      } else {
        order = left.name().compareTo(right.name());
      }
      if (order < 0) {
        frame.leftIndex++;
        keep(new FileChange(left.path(), FileChange.Kind.REMOVED, FileChange.State.of(left), null, List.of()));
        descend(stack, left.children(), List.of());
      } else if (order > 0) {
        frame.rightIndex++;
        keep(new FileChange(right.path(), FileChange.Kind.ADDED, null, FileChange.State.of(right), List.of()));
        descend(stack, List.of(), right.children());
      } else {
        frame.leftIndex++;
        frame.rightIndex++;
        FileChange.State before = FileChange.State.of(left);
        FileChange.State after = FileChange.State.of(right);
        List<String> differences = before.differencesTo(after);
        if (!differences.isEmpty()) {
          keep(new FileChange(right.path(), FileChange.Kind.CHANGED, before, after, differences));
        }
        descend(stack, left.children(), right.children());
      }
    }
  }

  private static void descend(Deque<Frame> stack, List<TreeNode> left, List<TreeNode> right) {
    if (!left.isEmpty() || !right.isEmpty()) {
      stack.push(new Frame(left, right));
    }
  }

  private void keep(FileChange change) {
    switch (change.kind()) {
      case ADDED -> added++;
      case REMOVED -> removed++;
      case CHANGED -> changed++;
    }
    if (kept.size() < limit) {
      kept.add(change);
    }
  }
}
