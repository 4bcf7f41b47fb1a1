package io.hullscope.index;

import java.util.LinkedHashMap;

/**
 * A node of a {@link TreeBuilder}: the mutable form of a tree node while layers are applied.
 * Children keep the order in which layers added them. Tools that walk a directory tree in name
 * order write tars whose directories are already sorted, and {@link FileTree#freeze} sorts only
 * the directories that are not.
 */
final class MutableNode {

  final String name;
  FileEntry entry;
  int layer;
  ChangeKind change;
  LinkedHashMap<String, MutableNode> children;

  MutableNode(String name, FileEntry entry, int layer, ChangeKind change) {
    this.name = name;
    this.entry = entry;
    this.layer = layer;
    this.change = change;
  }

  boolean isDirectory() {
    return entry == null || entry.type() == EntryType.DIRECTORY;
  }

  MutableNode child(String childName) {
    return children == null ? null : children.get(childName);
  }

  void put(MutableNode child) {
    if (children == null) {
      children = new LinkedHashMap<>(4);
    }
    children.put(child.name, child);
  }

  MutableNode remove(String childName) {
    return children == null ? null : children.remove(childName);
  }
}
