package io.hullscope.ui.content;

/** Display mode of the file content pane. */
public enum ContentKind {
  /** Nothing selected, a directory, or a file without content such as a device. */
  NONE,
  LOADING,
  TEXT,
  HEX,
  IMAGE,
  ERROR
}
