package io.hullscope.index;

import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable file tree: either the squashed file system as seen after a layer, or the changes one
 * layer made (see {@link ImageAnalysis}).
 *
 * <p>In a squashed tree, {@link TreeNode#change()} is what the tree's own layer did: ADDED or
 * MODIFIED for the nodes it set, UNCHANGED for everything from lower layers. Deleted paths are
 * absent. A change tree holds only the nodes the layer set, the nodes it deleted (marked DELETED,
 * with their subtrees), and UNCHANGED directories leading to them.
 *
 * <p>Memory: nodes live in parallel arrays in breadth-first order, so that the children of a node
 * are one contiguous, name-sorted range, about 40 bytes per node plus the shared {@link FileEntry}.
 * {@link TreeNode} objects are created on demand.
 */
public final class FileTree {

  private static final ChangeKind[] CHANGE_KINDS = ChangeKind.values();
  private static final Comparator<MutableNode> BY_NAME = (a, b) -> a.name.compareTo(b.name);

  private final int layer;
  private final String[] names;
  private final FileEntry[] entries;
  private final int[] parents;
  private final int[] firstChildren;
  private final int[] childCounts;
  private final int[] layers;
  private final byte[] changes;
  private final long[] sizes;
  private final int[] fileCounts;

  private FileTree(int layer, int size) {
    this.layer = layer;
    names = new String[size];
    entries = new FileEntry[size];
    parents = new int[size];
    firstChildren = new int[size];
    childCounts = new int[size];
    layers = new int[size];
    changes = new byte[size];
    sizes = new long[size];
    fileCounts = new int[size];
  }

  /** Freezes a builder's tree; the builder may be dropped afterwards. */
  static FileTree freeze(MutableNode root, int layer) {
    // First the breadth-first order of the builder's nodes, each directory's children sorted, then
    // the arrays from that order. Nothing is allocated per node.
    MutableNode[] order = new MutableNode[1024];
    order[0] = root;
    int size = 1;
    for (int id = 0; id < size; id++) {
      MutableNode node = order[id];
      if (node.children != null && node.isDirectory()) {
        int first = size;
        if (size + node.children.size() > order.length) {
          order = Arrays.copyOf(order, Math.max(order.length * 2, size + node.children.size()));
        }
        for (MutableNode child : node.children.values()) {
          order[size++] = child;
        }
        if (!isSorted(order, first, size)) {
          Arrays.sort(order, first, size, BY_NAME);
        }
      }
    }

    FileTree tree = new FileTree(layer, size);
    tree.parents[0] = -1;
    int nextChild = 1;
    for (int id = 0; id < size; id++) {
      MutableNode node = order[id];
      tree.names[id] = node.name;
      tree.entries[id] = node.entry;
      tree.layers[id] = node.layer;
      tree.changes[id] = (byte) node.change.ordinal();
      tree.firstChildren[id] = nextChild;
      int children = node.children != null && node.isDirectory() ? node.children.size() : 0;
      tree.childCounts[id] = children;
      for (int child = nextChild; child < nextChild + children; child++) {
        tree.parents[child] = id;
      }
      nextChild += children;
    }
    tree.sumSizes();
    return tree;
  }

  private static boolean isSorted(MutableNode[] nodes, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (nodes[i - 1].name.compareTo(nodes[i].name) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the layer this tree shows: the top layer of a squashed tree, or the layer of a change tree. */
  public int layer() {
    return layer;
  }

  public TreeNode root() {
    return new Node(0);
  }

  /** Finds a node by path; the path is normalized first, so {@code /etc/} finds {@code etc}. */
  public Optional<TreeNode> find(String path) {
    String normalized;
    try {
      normalized = EntryNames.normalize(path);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int id = 0;
    int start = 0;
    while (!normalized.isEmpty() && id >= 0) {
      int slash = normalized.indexOf('/', start);
      String name = slash < 0 ? normalized.substring(start) : normalized.substring(start, slash);
      id = childNamed(id, name);
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return id < 0 ? Optional.empty() : Optional.of(new Node(id));
  }

  /**
   * Returns up to {@code max} nodes in path order whose name contains {@code substring}, ignoring
   * case; when the substring contains {@code /}, the whole path is matched instead.
   */
  public List<TreeNode> search(String substring, int max) {
    List<TreeNode> found = new ArrayList<>();
    boolean matchPath = substring.indexOf('/') >= 0;
    ArrayDeque<Integer> stack = new ArrayDeque<>();
    stack.push(0);
    while (!stack.isEmpty() && found.size() < max) {
      int id = stack.pop();
      String text = matchPath ? new Node(id).path() : names[id];
      if (id != 0 && containsIgnoreCase(text, substring)) {
        found.add(new Node(id));
      }
      for (int child = firstChildren[id] + childCounts[id] - 1; child >= firstChildren[id]; child--) {
        stack.push(child);
      }
    }
    return found;
  }

  /** Number of nodes, the root excluded; implied directories and deleted nodes included. */
  public int entryCount() {
    return names.length - 1;
  }

  /** Bytes of all regular files in the tree; deleted nodes excluded. */
  public long totalSize() {
    return sizes[0];
  }

  private int childNamed(int id, String name) {
    int low = firstChildren[id];
    int high = low + childCounts[id] - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = names[middle].compareTo(name);
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -1;
  }

  private void sumSizes() {
    for (int id = names.length - 1; id >= 0; id--) {
      FileEntry entry = entries[id];
      if (entry != null && entry.type() == EntryType.FILE) {
        sizes[id] += entry.size();
      }
      if (entry != null && entry.type() != EntryType.DIRECTORY) {
        fileCounts[id] += 1;
      }
      boolean deleted = changes[id] == ChangeKind.DELETED.ordinal();
      if (id > 0 && (!deleted || changes[parents[id]] == ChangeKind.DELETED.ordinal())) {
        sizes[parents[id]] += sizes[id];
        fileCounts[parents[id]] += fileCounts[id];
      }
    }
  }

  private static boolean containsIgnoreCase(String text, String part) {
    for (int i = 0; i + part.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return true;
      }
    }
    return false;
  }

  private final class Node implements TreeNode {
    private final int id;

    Node(int id) {
      this.id = id;
    }

    @Override
    public String name() {
      return names[id];
    }

    @Override
    public String path() {
      if (entries[id] != null) {
        return entries[id].path();
      }
      StringBuilder path = new StringBuilder();
      for (int node = id; node > 0; node = parents[node]) {
        path.insert(0, node == id ? names[node] : names[node] + "/");
      }
      return path.toString();
    }

    @Override
    public FileEntry entry() {
      return entries[id];
    }

    @Override
    public int layer() {
      return layers[id];
    }

    @Override
    public ChangeKind change() {
      return CHANGE_KINDS[changes[id]];
    }

    @Override
    public TreeNode parent() {
      return id == 0 ? null : new Node(parents[id]);
    }

    @Override
    public List<TreeNode> children() {
      int first = firstChildren[id];
      int count = childCounts[id];
      return new AbstractList<>() {
        @Override
        public TreeNode get(int index) {
          if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
          }
          return new Node(first + index);
        }

        @Override
        public int size() {
          return count;
        }
      };
    }

    @Override
    public long totalSize() {
      return sizes[id];
    }

    @Override
    public int fileCount() {
      return fileCounts[id];
    }

    @Override
    public boolean isDirectory() {
      return entries[id] == null || entries[id].type() == EntryType.DIRECTORY;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Node && ((Node) other).id == id && ((Node) other).tree() == FileTree.this;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(FileTree.this) * 31 + id;
    }

    @Override
    public String toString() {
      return EntryNames.display(path()) + " [" + change() + ", layer " + layers[id] + "]";
    }

    private FileTree tree() {
      return FileTree.this;
    }
  }
}
