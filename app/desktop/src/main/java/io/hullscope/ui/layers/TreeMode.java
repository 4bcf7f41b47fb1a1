package io.hullscope.ui.layers;

/** What the file tree of the Layers tab shows for the selected layer. */
public enum TreeMode {
  /** Only the paths the layer added, modified or deleted. */
  CHANGES,
  /** The whole file system as it is after the layer. */
  SQUASHED
}
