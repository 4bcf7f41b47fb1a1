package io.hullscope.ui.content;

/** How the file content pane shows what it holds. */
public enum ContentKind {
  /** Nothing selected, a directory, or a file without content such as a device. */
  NONE,
  LOADING,
  TEXT,
  HEX,
  IMAGE,
  ERROR
}
