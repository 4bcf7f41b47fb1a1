package io.hullscope.index;

/** The change a layer made to a path, relative to the layers below it. */
public enum ChangeKind {
  ADDED,
  MODIFIED,
  DELETED,
  UNCHANGED
}
