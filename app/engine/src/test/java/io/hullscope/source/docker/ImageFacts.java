package io.hullscope.source.docker;

import io.hullscope.image.Digest;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileEntry;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.index.TreeNode;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What two readings of the same image must agree on, whatever tool wrote it: the config
 * fields, the diff ids, the history and the squashed tree after the top layer.
 *
 * <p>History times are kept at whole seconds because the daemon's history API has no more.
 * Each squashed tree line is a node's path, its layer and change, then type, size, mode,
 * owner and link target, so a difference names the path.
 */
record ImageFacts(
    List<Digest> diffIds,
    Platform platform,
    String user,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    Set<String> exposedPorts,
    Set<String> volumes,
    Map<String, String> labels,
    Healthcheck healthcheck,
    String stopSignal,
    String author,
    Instant created,
    List<String> history,
    List<String> squashed) {

  /** Opens the image under {@code key} (or the source's only image when key is null) and reads its facts. */
  static ImageFacts read(ImageSource source, String key) throws IOException {
    String resolved = key;
    if (resolved == null) {
      List<ImageSummary> images = source.listImages();
      if (images.size() != 1) {
        throw new AssertionError(source.displayName() + " lists " + images.size() + " images, expected one");
      }
      resolved = images.get(0).key();
    }
    try (Image image = source.open(resolved, null, ProgressListener.NONE)) {
      return of(image);
    }
  }

  /** Indexes the image and collects its facts. */
  static ImageFacts of(Image image) throws IOException {
    ImageConfig config = image.config();
    ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    List<String> squashed = new ArrayList<>();
    addListing(analysis.squashed(image.layers().size() - 1).root(), squashed);
    return new ImageFacts(
        config.diffIds(),
        config.platform(),
        config.user(),
        config.env(),
        config.entrypoint(),
        config.cmd(),
        config.workingDir(),
        config.exposedPorts(),
        config.volumes(),
        config.labels(),
        config.healthcheck(),
        config.stopSignal(),
        config.author(),
        config.created(),
        historyLines(config.history()),
        squashed);
  }

  /** Returns the squashed tree line of a path, or null when the tree has no such node. */
  String squashedLine(String path) {
    for (String line : squashed) {
      if (line.startsWith(path + " ")) {
        return line;
      }
    }
    return null;
  }

  /** Returns the number of regular files (not links) in the squashed tree. */
  long regularFileCount() {
    return squashed.stream().filter(line -> line.contains(" FILE ")).count();
  }

  private static List<String> historyLines(List<HistoryEntry> history) {
    List<String> lines = new ArrayList<>();
    for (HistoryEntry entry : history) {
      Instant created = entry.created() == null ? null : Instant.ofEpochSecond(entry.created().getEpochSecond());
      lines.add(created + " | " + entry.createdBy() + " | " + entry.comment() + " | empty " + entry.emptyLayer());
    }
    return lines;
  }

  private static void addListing(TreeNode node, List<String> lines) {
    FileEntry entry = node.entry();
    String details = entry == null
        ? "implied"
        : entry.type() + " " + entry.size() + " " + Integer.toOctalString(entry.mode()) + " " + entry.uid() + ":"
            + entry.gid() + " " + entry.linkTarget();
    lines.add(node.path() + " " + node.layer() + " " + node.change() + " " + details);
    for (TreeNode child : node.children()) {
      addListing(child, lines);
    }
  }
}
