package io.hullscope.index;

import java.util.HashMap;

/** A node of a {@link TreeBuilder}: the mutable form of a tree node while layers are applied. */
final class MutableNode {

  final String name;
  FileEntry entry;
  int layer;
  ChangeKind change;
  HashMap<String, MutableNode> children;

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
      children = new HashMap<>(4);
    }
    children.put(child.name, child);
  }

  MutableNode remove(String childName) {
    return children == null ? null : children.remove(childName);
  }
}
