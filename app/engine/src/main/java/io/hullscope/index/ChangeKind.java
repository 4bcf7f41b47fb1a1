package io.hullscope.index;

/** What a layer did to a path, relative to the layers below it. */
public enum ChangeKind {
  ADDED,
  MODIFIED,
  DELETED,
  UNCHANGED
}
