package io.hullscope.index;

import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Layer;
import io.hullscope.image.LimitExceededException;
import io.hullscope.image.Limits;
import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one layer blob in a single streaming pass and records every entry.
 *
 * <p>While the blob streams past, the indexer counts and hashes the stored bytes and the
 * uncompressed tar, and checks them against the layer's blob digest and diff id. It never writes to
 * disk. Whiteouts become deletions and opaque directories (OCI image spec, "Representing Changes").
 * Every failure is an {@link ImageReadException} that names the image, the layer and the entry.
 */
public final class LayerIndexer {

  private static final Logger log = LoggerFactory.getLogger(LayerIndexer.class);

  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";
  private static final long PROGRESS_STEP_BYTES = 1L << 20;
  /** Maximum length of an entry name or link target, far beyond Linux's PATH_MAX of 4096 bytes. */
  static final int MAX_NAME_BYTES = 64 * 1024;

  private final Limits limits;
  private final List<FileInterest> interests;

  public LayerIndexer(Limits limits) {
    this(limits, List.of());
  }

  /** Creates an indexer that also hands the files the given interests want to them. */
  public LayerIndexer(Limits limits, List<FileInterest> interests) {
    this.limits = limits;
    this.interests = List.copyOf(interests);
  }

  /** Names an image in messages: its first reference, else where it came from. */
  public static String imageName(Image image) {
    List<String> references = image.references();
    return references.isEmpty() ? image.sourceDescription() : references.get(0);
  }

  /** Names a layer in messages: its position and its diff id (or blob digest). */
  public static String layerName(Layer layer) {
    Digest digest = layer.diffId() != null ? layer.diffId() : layer.blobDigest();
    return layer.index() + (digest == null ? "" : " (" + digest + ")");
  }

  /**
   * Indexes the stored blob of {@code layer}, which the caller opened and closes.
   *
   * @param imageName how messages name the image, see {@link #imageName}
   * @param progress receives the stored bytes read so far out of {@link Layer#size()}
   */
  public LayerIndex index(String imageName, Layer layer, InputStream blob, ProgressListener progress)
      throws IOException {
    Run run = new Run(imageName, layer, progress);
    try (LayerStreams streams = LayerStreams.open(blob, layer, limits)) {
      run.readEntries(streams);
      streams.drain();
      progress.progress(streams.storedBytes(), layer.size());
      Digest blobDigest = streams.verify(imageName, run.layerName);
      log.debug("Indexed layer {} of {}: {} entries, {} stored and {} uncompressed bytes",
          run.layerName, imageName, run.entries.size(), streams.storedBytes(), streams.tarBytes());
      return new LayerIndex(streams.tarDigest(), blobDigest, run.entries, run.deletions,
          run.opaqueDirectories, streams.tarBytes());
    } catch (MeteredInputStream.LimitReachedException e) {
      throw new LimitExceededException(imageName, run.layerName, run.entryName, e.limitName, e.limit);
    } catch (ImageReadException | OperationCancelledException e) {
      throw e;
    } catch (IOException e) {
      if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
        throw cancelled(e);
      }
      throw new ImageReadException(imageName, run.layerName, run.entryName, describeFailure(e), e);
    }
  }

  /** Reports an interrupted read, for example of a cancelled background task, as a cancel. */
  static OperationCancelledException cancelled(IOException cause) {
    OperationCancelledException cancelled = new OperationCancelledException();
    cancelled.initCause(cause);
    return cancelled;
  }

  private static String abbreviated(String name) {
    return name.length() <= 200 ? name : name.substring(0, 200) + "...";
  }

  private static String describeFailure(IOException e) {
    if (e instanceof EOFException || String.valueOf(e.getMessage()).contains("Truncated")) {
      return "the layer ends in the middle of an entry; the blob is truncated or corrupt, so "
          + "save or pull the image again";
    }
    return "the layer is not a readable tar (" + e.getMessage() + "); check that the blob is a "
        + "gzip, zstd or plain tar layer";
  }

  /** The state of indexing one layer. */
  private final class Run {
    final String imageName;
    final String layerName;
    final Layer layer;
    final ProgressListener progress;
    final List<FileEntry> entries = new ArrayList<>();
    final List<String> deletions = new ArrayList<>();
    final List<String> opaqueDirectories = new ArrayList<>();
    String entryName;
    long entryCount;
    long reportedBytes;

    Run(String imageName, Layer layer, ProgressListener progress) {
      this.imageName = imageName;
      this.layerName = layerName(layer);
      this.layer = layer;
      this.progress = progress;
    }

    void readEntries(LayerStreams streams) throws IOException {
      RawNameTarStream tar = streams.tar();
      TarArchiveEntry entry;
      while ((entry = tar.next()) != null) {
        progress.checkCancelled();
        byte[] rawName = tar.rawName(entry);
        String decodedName = EntryNames.decode(rawName);
        entryName = EntryNames.display(decodedName);
        if (++entryCount > limits.maxEntriesPerLayer()) {
          throw new LimitExceededException(
              imageName, layerName, entryName, "the number of entries", limits.maxEntriesPerLayer());
        }
        record(entry, tar, rawName, decodedName);
        if (streams.storedBytes() - reportedBytes >= PROGRESS_STEP_BYTES) {
          reportedBytes = streams.storedBytes();
          progress.progress(reportedBytes, layer.size());
        }
      }
      entryName = null;
    }

    private void record(TarArchiveEntry entry, RawNameTarStream tar, byte[] rawName, String decodedName)
        throws IOException {
      byte[] rawLink = tar.rawLinkName(entry);
      if (rawName.length > MAX_NAME_BYTES || rawLink.length > MAX_NAME_BYTES) {
        throw new ImageReadException(imageName, layerName, abbreviated(entryName),
            "the entry name or link target is longer than " + MAX_NAME_BYTES
                + " bytes, which no container runtime can extract; the layer is malformed or hostile");
      }
      String path = normalized(decodedName, "entry name");
      String name = EntryNames.name(path);
      if (path.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX) && !name.equals(OPAQUE_MARKER)) {
        // AUFS metadata such as .wh..wh.plnk/ at the root: Docker skips it when it applies a layer.
        log.debug("Ignoring whiteout metadata {} in layer {} of {}", entryName, layerName, imageName);
        return;
      }
      if (name.startsWith(WHITEOUT_PREFIX)) {
        recordWhiteout(path, name);
        return;
      }

      EntryType type = typeOf(entry);
      if (type == null) {
        log.debug("Skipping entry {} of type '{}' in layer {} of {}",
            entryName, (char) entry.getLinkFlag(), layerName, imageName);
        return;
      }
      if (path.isEmpty()) {
        return; // the root directory itself
      }
      long size = type == EntryType.FILE ? entry.getRealSize() : 0;
      if (size > limits.maxEntrySize()) {
        throw new LimitExceededException(imageName, layerName, entryName, "the file size " + size, limits.maxEntrySize());
      }

      String link = null;
      if (type == EntryType.SYMLINK) {
        link = EntryNames.decode(rawLink);
      } else if (type == EntryType.HARDLINK) {
        link = normalized(EntryNames.decode(rawLink), "hardlink target");
      }

      FileEntry fileEntry = new FileEntry(
          path, type, size, entry.getMode() & 07777, entry.getLongUserId(), entry.getLongGroupId(),
          link, seconds(entry.getLastModifiedTime()));
      entries.add(fileEntry);
      if (type == EntryType.FILE && !interests.isEmpty()) {
        offer(fileEntry, tar);
      }
    }

    private void recordWhiteout(String path, String name) {
      String parent = EntryNames.parent(path);
      if (name.equals(OPAQUE_MARKER)) {
        opaqueDirectories.add(parent);
      } else if (name.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX) || name.length() == WHITEOUT_PREFIX.length()) {
        log.debug("Ignoring whiteout metadata {} in layer {} of {}", entryName, layerName, imageName);
      } else {
        deletions.add(EntryNames.child(parent, name.substring(WHITEOUT_PREFIX.length())));
      }
    }

    private String normalized(String rawPath, String what) throws ImageReadException {
      try {
        return EntryNames.normalize(rawPath);
      } catch (IllegalArgumentException e) {
        throw new ImageReadException(imageName, layerName, entryName,
            "the " + what + " leaves the image root with '..', which Docker refuses to extract; "
                + "the layer is malformed or hostile", e);
      }
    }

    private void offer(FileEntry entry, InputStream content) throws IOException {
      List<FileInterest> wanting = new ArrayList<>(1);
      for (FileInterest interest : interests) {
        if (interest.wants(layer.index(), entry)) {
          wanting.add(interest);
        }
      }
      if (wanting.size() == 1) {
        handOver(wanting.get(0), entry, new UnclosableInputStream(content));
      } else if (wanting.size() > 1) {
        // Several analyzers want the same file: read it once into memory and give each a copy.
        byte[] bytes = content.readAllBytes();
        for (FileInterest interest : wanting) {
          handOver(interest, entry, new ByteArrayInputStream(bytes));
        }
      }
    }

    private void handOver(FileInterest interest, FileEntry entry, InputStream content) throws IOException {
      try {
        interest.accept(layer.index(), entry, content);
      } catch (ImageReadException | EOFException | MeteredInputStream.LimitReachedException e) {
        throw e;
      } catch (IOException e) {
        if (String.valueOf(e.getMessage()).contains("Truncated")) {
          throw e;
        }
        throw new ImageReadException(imageName, layerName, entryName,
            "the analyzer " + interest.getClass().getName() + " failed on this file ("
                + e.getMessage() + ")", e);
      }
    }
  }

  /** Maps a tar entry to its type, or null for kinds the tree ignores (volume labels, unknown types). */
  static EntryType typeOf(TarArchiveEntry entry) {
    if (entry.isDirectory()) {
      return EntryType.DIRECTORY;
    } else if (entry.isSymbolicLink()) {
      return EntryType.SYMLINK;
    } else if (entry.isLink()) {
      return EntryType.HARDLINK;
    } else if (entry.isCharacterDevice()) {
      return EntryType.CHAR_DEVICE;
    } else if (entry.isBlockDevice()) {
      return EntryType.BLOCK_DEVICE;
    } else if (entry.isFIFO()) {
      return EntryType.FIFO;
    } else if (entry.isFile() || entry.isSparse()) {
      return EntryType.FILE;
    }
    return null;
  }

  private static long seconds(FileTime time) {
    return time == null ? 0 : time.to(TimeUnit.SECONDS);
  }
}
