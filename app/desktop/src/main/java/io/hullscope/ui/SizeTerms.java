package io.hullscope.ui;

import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.LayerIndex;
import java.util.Map;

/**
 * The names and explanations of an image's sizes, shared by the image table, the Overview and the
 * status bar so each figure has one name wherever it shows. The command line prints the same names.
 */
public final class SizeTerms {

  /** Name of the config and layer blobs as an archive or OCI layout stores them, compressed or not. */
  public static final String STORED = "Stored size";

  /** Name of the size the Docker daemon reports for its unpacked copy, as {@code docker images} shows it. */
  public static final String IN_DOCKER = "Size in Docker";

  /** Name of the sum of the layer tars after decompression, each layer counted once. */
  public static final String UNPACKED = "Unpacked size";

  /** Name of the regular files in the file system after the top layer, as a container shows them. */
  public static final String FINAL_FILES = "Final file system";

  private static final Map<String, String> EXPLANATIONS = Map.of(
      STORED, "The config and layer blobs as the archive or OCI layout stores them, compressed or not",
      IN_DOCKER, "The size the Docker daemon reports for its unpacked copy of the image, as docker images shows it",
      UNPACKED, "The layer tars after decompression, added up: every layer counted once, "
          + "including files that later layers delete or overwrite",
      FINAL_FILES, "The regular files a container sees after the top layer, and their total size; "
          + "deleted and overwritten versions are not counted");

  private SizeTerms() {}

  /** Returns the explanation of a size name for a tooltip, or null for a name that is no size. */
  public static String explanation(String name) {
    return EXPLANATIONS.get(name);
  }

  /** Returns the name of the size that a source lists for its images. */
  public static String listedSize(boolean docker) {
    return docker ? IN_DOCKER : STORED;
  }

  /** Returns the sum of the uncompressed layer tars. */
  public static long unpackedSize(ImageAnalysis analysis) {
    return analysis.layers().stream().mapToLong(LayerIndex::uncompressedSize).sum();
  }

  /** Returns the file system after the top layer, or null for an image without layers. */
  public static FileTree finalFileSystem(ImageAnalysis analysis) {
    return analysis.layers().isEmpty() ? null : analysis.squashed(analysis.layers().size() - 1);
  }
}
