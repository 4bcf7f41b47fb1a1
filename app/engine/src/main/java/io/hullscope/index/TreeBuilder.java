package io.hullscope.index;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies layers one after another to a mutable tree, the way a container runtime unpacks them.
 * Opaque directories and whiteouts come first, because they hide only lower layers. Then the
 * entries follow in tar order, and of two entries for one path the later wins. A directory
 * replaced by anything else loses everything below it, and directories a tar omits are implied.
 */
final class TreeBuilder {

  /** Told about every node a layer overwrites or removes, with the node's subtree still attached. */
  interface LossListener {
    void lost(String path, MutableNode node);
  }

  static final LossListener IGNORE_LOSSES = (path, node) -> {};

  final MutableNode root = new MutableNode("", null, -1, ChangeKind.UNCHANGED);
  private final NamePool names = new NamePool();
  /** The parent directory of the previous entry, since tars list a directory's entries together. */
  private String lastDirPath;
  private MutableNode lastDir;

  /** Applies one layer; with {@code markChanges}, marks what it adds or modifies, else leaves nodes UNCHANGED. */
  void apply(LayerIndex index, int layer, boolean markChanges, LossListener losses) {
    lastDir = null;
    Set<String> existed = markChanges ? existingPaths(index) : Set.of();
    for (String dir : index.opaqueDirectories()) {
      MutableNode node = find(dir);
      if (node != null && node.isDirectory() && node.children != null) {
        for (MutableNode child : node.children.values()) {
          losses.lost(EntryNames.child(dir, child.name), child);
        }
        node.children = null;
      }
    }
    for (String path : index.deletions()) {
      MutableNode parent = find(EntryNames.parent(path));
      MutableNode removed = parent == null || path.isEmpty() ? null : parent.remove(EntryNames.name(path));
      if (removed != null) {
        losses.lost(path, removed);
      }
    }
    for (FileEntry entry : index.entries()) {
      ChangeKind mark = !markChanges
          ? ChangeKind.UNCHANGED
          : existed.contains(entry.path()) ? ChangeKind.MODIFIED : ChangeKind.ADDED;
      insert(entry, layer, mark, losses);
    }
  }

  /** Returns the node at a normalized path, or null. */
  MutableNode find(String path) {
    if (path.isEmpty()) {
      return root;
    }
    MutableNode node = root;
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      // Names of this builder's nodes are pooled. Nodes attached from another builder may not be.
      String name = names.find(path, start, end);
      node = node.child(name != null ? name : path.substring(start, end));
      if (slash < 0 || node == null) {
        return node;
      }
      if (!node.isDirectory()) {
        return null;
      }
      start = slash + 1;
    }
  }

  /**
   * Places a node at {@code path} with the given values, replacing what was there, and creates
   * missing parents as implied directories marked by {@code impliedMark}. Used to build change
   * views, where nothing is lost.
   */
  MutableNode place(String path, FileEntry entry, int layer, ChangeKind change,
      Function<String, ChangeKind> impliedMark) {
    MutableNode dir = parentFor(path, layer, impliedMark);
    String name = names.intern(path, path.lastIndexOf('/') + 1, path.length());
    MutableNode existing = dir.child(name);
    if (existing != null && existing.isDirectory() && (entry == null || entry.type() == EntryType.DIRECTORY)) {
      existing.entry = entry;
      existing.layer = layer;
      existing.change = change;
      return existing;
    }
    MutableNode node = new MutableNode(name, entry, layer, change);
    dir.put(node);
    return node;
  }

  /** Attaches a detached node (and its subtree) at {@code path}. */
  void attach(String path, MutableNode node, Function<String, ChangeKind> impliedMark) {
    parentFor(path, node.layer, impliedMark).put(node);
  }

  private void insert(FileEntry entry, int layer, ChangeKind mark, LossListener losses) {
    String path = entry.path();
    int lastSlash = path.lastIndexOf('/');
    MutableNode dir;
    if (lastSlash < 0) {
      dir = root;
    } else if (lastDir != null && lastDirPath.length() == lastSlash && path.startsWith(lastDirPath)) {
      dir = lastDir;
    } else {
      dir = directoryFor(path, lastSlash, layer, mark, losses);
      lastDirPath = path.substring(0, lastSlash);
      lastDir = dir;
    }

    String name = names.intern(path, lastSlash + 1, path.length());
    MutableNode existing = dir.child(name);
    if (existing != null && existing.isDirectory() && entry.type() == EntryType.DIRECTORY) {
      existing.entry = entry;
      existing.layer = layer;
      existing.change = mark;
      return;
    }
    if (existing != null) {
      losses.lost(path, existing);
      lastDir = null; // the remembered directory may have been below the replaced node
    }
    dir.put(new MutableNode(name, entry, layer, mark));
  }

  /** Walks to the parent directory of {@code path}, creating implied directories on the way. */
  private MutableNode directoryFor(String path, int end, int layer, ChangeKind mark, LossListener losses) {
    MutableNode dir = root;
    int start = 0;
    while (start <= end) {
      int slash = path.indexOf('/', start);
      String name = names.intern(path, start, slash);
      MutableNode next = dir.child(name);
      if (next == null || !next.isDirectory()) {
        // NOTE: a parent that lower layers made a file or symlink becomes a directory here, as if
        // the runtime replaced it. A real runtime would follow a symlinked parent instead.
        if (next != null) {
          losses.lost(path.substring(0, slash), next);
        }
        ChangeKind impliedMark = mark == ChangeKind.UNCHANGED
            ? ChangeKind.UNCHANGED
            : next == null ? ChangeKind.ADDED : ChangeKind.MODIFIED;
        next = new MutableNode(name, null, layer, impliedMark);
        dir.put(next);
      }
      dir = next;
      start = slash + 1;
    }
    return dir;
  }

  private MutableNode parentFor(String path, int layer, Function<String, ChangeKind> impliedMark) {
    MutableNode dir = root;
    int start = 0;
    int slash;
    while ((slash = path.indexOf('/', start)) >= 0) {
      String name = path.substring(start, slash);
      MutableNode next = dir.child(name);
      if (next == null) {
        next = new MutableNode(names.intern(name), null, layer, impliedMark.apply(path.substring(0, slash)));
        dir.put(next);
      }
      dir = next;
      start = slash + 1;
    }
    return dir;
  }

  private Set<String> existingPaths(LayerIndex index) {
    Set<String> existing = new HashSet<>();
    for (FileEntry entry : index.entries()) {
      if (find(entry.path()) != null) {
        existing.add(entry.path());
      }
    }
    return existing;
  }
}
