package io.hullscope.index;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.OperationCancelledException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Reads the start of one file of an indexed image by streaming only the layer that contains
 * its current version. Symlinks are followed in every path component. Hardlinks are followed to their
 * target, which may be in the same layer or a lower one.
 */
public final class FileContentReader {

  private final Limits limits;

  public FileContentReader(Limits limits) {
    this.limits = limits;
  }

  /**
   * Returns at most {@code maxBytes} bytes of {@code path} as the file system looks after {@code
   * upToLayer}.
   *
   * @throws ImageReadException when the path does not exist, is not a regular file, leads into a
   *     symlink loop, or the layer cannot be read
   */
  public FileContent read(ImageAnalysis analysis, int upToLayer, String path, int maxBytes) throws IOException {
    String imageName = LayerIndexer.imageName(analysis.image());
    FileTree tree = analysis.squashed(upToLayer);
    String resolved;
    try {
      resolved = SymlinkResolver.resolve(tree, path);
    } catch (SymlinkResolver.ResolutionException e) {
      throw new ImageReadException(imageName, null, EntryNames.display(path),
          "cannot open the file: " + e.getMessage());
    }
    TreeNode node = tree.find(resolved).orElseThrow();
    Located located = locate(analysis, node.layer(), node.entry(), imageName, path);
    if (located.entry.type() != EntryType.FILE) {
      throw new ImageReadException(imageName, null, EntryNames.display(path),
          "it is " + describe(located.entry) + ", which has no content to show");
    }
    Layer layer = analysis.image().layers().get(located.layer);
    int occurrence = occurrence(analysis.layers().get(located.layer).entries(), located.entry);
    byte[] bytes = readEntry(imageName, layer, located.entry.path(), occurrence,
        (int) Math.min(maxBytes, located.entry.size()));
    return new FileContent(located.entry.path(), located.layer, located.entry.size(), bytes,
        located.entry.size() > bytes.length);
  }

  /** Follows hardlinks from an entry to the regular file whose bytes the tar stores. */
  private static Located locate(ImageAnalysis analysis, int layer, FileEntry entry, String imageName, String path)
      throws ImageReadException {
    Located current = new Located(layer, entry);
    for (int hops = 0; current.entry != null && current.entry.type() == EntryType.HARDLINK; hops++) {
      if (hops > SymlinkResolver.MAX_LINKS) {
        throw new ImageReadException(imageName, null, EntryNames.display(path), "hardlinks form a loop");
      }
      current = hardlinkTarget(analysis.layers(), current);
      if (current == null) {
        throw new ImageReadException(imageName, null, EntryNames.display(path),
            "its hardlink target is not in this layer or any lower one; the layer is malformed");
      }
    }
    if (current.entry == null) {
      throw new ImageReadException(imageName, null, EntryNames.display(path), "it is a directory, which has no content to show");
    }
    return current;
  }

  /** Finds the latest entry for a hardlink's target at or below the hardlink's layer. */
  private static Located hardlinkTarget(List<LayerIndex> layers, Located link) {
    String target = link.entry.linkTarget();
    for (int layer = link.layer; layer >= 0; layer--) {
      List<FileEntry> entries = layers.get(layer).entries();
      int end = layer == link.layer ? indexOfIdentity(entries, link.entry) : entries.size();
      for (int i = end - 1; i >= 0; i--) {
        if (entries.get(i).path().equals(target)) {
          return new Located(layer, entries.get(i));
        }
      }
    }
    return null;
  }

  private byte[] readEntry(String imageName, Layer layer, String path, int occurrence, int length)
      throws IOException {
    String layerName = LayerIndexer.layerName(layer);
    try (InputStream blob = layer.open(); LayerStreams streams = LayerStreams.openUnhashed(blob, layer, limits)) {
      RawNameTarStream tar = streams.tar();
      int seen = 0;
      TarArchiveEntry entry;
      while ((entry = tar.next()) != null) {
        if (LayerIndexer.typeOf(entry) == null || !path.equals(normalizedOrNull(EntryNames.decode(tar.rawName(entry))))) {
          continue;
        }
        if (seen++ == occurrence) {
          return tar.readNBytes(length);
        }
      }
    } catch (MeteredInputStream.LimitReachedException e) {
      throw new ImageReadException(imageName, layerName, EntryNames.display(path),
          e.limitName + " exceeds the limit of " + e.limit, e);
    } catch (ImageReadException | OperationCancelledException e) {
      throw e;
    } catch (IOException e) {
      if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
        throw LayerIndexer.cancelled(e);
      }
      throw new ImageReadException(imageName, layerName, EntryNames.display(path),
          "the layer could not be read again (" + e.getMessage() + ")", e);
    }
    throw new ImageReadException(imageName, layerName, EntryNames.display(path),
        "the layer no longer holds this entry; the image changed after it was indexed, so open it again");
  }

  private static String normalizedOrNull(String rawPath) {
    try {
      return EntryNames.normalize(rawPath);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Counts the entries for the same path before {@code entry}, so the reader can pick the same one. */
  private static int occurrence(List<FileEntry> entries, FileEntry entry) {
    int count = 0;
    for (FileEntry candidate : entries) {
      if (candidate == entry) {
        return count;
      }
      if (candidate.path().equals(entry.path())) {
        count++;
      }
    }
    return count;
  }

  private static int indexOfIdentity(List<FileEntry> entries, FileEntry entry) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) == entry) {
        return i;
      }
    }
    return entries.size();
  }

  private static String describe(FileEntry entry) {
    switch (entry.type()) {
      case DIRECTORY:
        return "a directory";
      case CHAR_DEVICE:
      case BLOCK_DEVICE:
        return "a device";
      case FIFO:
        return "a named pipe";
      default:
        return "a " + entry.type().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final class Located {
    final int layer;
    final FileEntry entry;

    Located(int layer, FileEntry entry) {
      this.layer = layer;
      this.entry = entry;
    }
  }
}
