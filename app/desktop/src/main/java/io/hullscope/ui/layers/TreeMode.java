package io.hullscope.ui.layers;

/** Content of the Layers tab's file tree for the selected layer. */
public enum TreeMode {
  /** Only the paths the layer added, modified or deleted. */
  CHANGES,
  /** The whole file system as it is after the layer. */
  SQUASHED
}
