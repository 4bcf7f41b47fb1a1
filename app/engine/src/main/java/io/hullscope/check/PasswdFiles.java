package io.hullscope.check;

import io.hullscope.check.AccountDatabase.FileState;
import io.hullscope.check.AccountDatabase.GroupEntry;
import io.hullscope.check.AccountDatabase.PasswdEntry;
import io.hullscope.check.AccountFileCache.LayerFiles;
import io.hullscope.image.Digest;
import io.hullscope.image.Layer;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.FileInterest;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.TreeNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects {@code /etc/passwd} and {@code /etc/group} of every streamed layer during the index pass,
 * so that after indexing {@link #database} can read the versions the final image shows. Register it
 * with the {@link io.hullscope.index.ImageIndexer}; one instance serves one analysis.
 *
 * <p>What each layer contains is kept in an {@link AccountFileCache} by layer diff id, and a layer
 * the cache has is not streamed for this collector (see {@link FileInterest#needsLayer}).
 *
 * <p>Memory: until {@link #database} runs, the collector keeps up to two files of at most the size
 * limit per streamed layer, because the visible version is known only after the last layer.
 *
 * <p>Files larger than the size limit, and files that are not UTF-8 text, are not parsed: they
 * become warnings in the {@link AccountDatabase} instead.
 */
public final class PasswdFiles implements FileInterest {

  /** Default size limit per file. 1 MiB is about 20,000 lines of 50 bytes, an estimate of a typical line. */
  public static final int DEFAULT_MAX_FILE_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(PasswdFiles.class);

  static final String PASSWD = "etc/passwd";
  static final String GROUP = "etc/group";

  private final int maxFileBytes;
  private final AccountFileCache cache;
  /** Captured files by layer position and path, for the layers streamed in this pass. */
  private final Map<Integer, Map<String, Captured>> read = new ConcurrentHashMap<>();
  /** Layer positions the indexer passed to {@link #needsLayer}, so their files were offered. */
  private final Set<Integer> announced = ConcurrentHashMap.newKeySet();
  /** Files of the layers the cache had, by layer position. */
  private final Map<Integer, LayerFiles> fromCache = new ConcurrentHashMap<>();

  /** Creates a collector with the default size limit and no cache. */
  public PasswdFiles() {
    this(DEFAULT_MAX_FILE_BYTES, AccountFileCache.NONE);
  }

  /**
   * Creates a collector that parses files of at most {@code maxFileBytes} bytes and keeps what
   * each layer contains in {@code cache}.
   */
  public PasswdFiles(int maxFileBytes, AccountFileCache cache) {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("the size limit must be at least 1 byte, not " + maxFileBytes);
    }
    this.maxFileBytes = maxFileBytes;
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** Returns false for a layer whose files the cache has, read with the same size limit. */
  @Override
  public boolean needsLayer(int position, Layer layer) {
    announced.add(position);
    Digest diffId = layer.diffId();
    if (diffId == null) {
      return true;
    }
    Optional<LayerFiles> cached = cache.get(diffId).filter(files -> files.maxFileBytes() == maxFileBytes);
    cached.ifPresent(files -> fromCache.put(position, files));
    return cached.isEmpty();
  }

  @Override
  public boolean wants(int layer, FileEntry entry) {
    return entry.path().equals(PASSWD) || entry.path().equals(GROUP);
  }

  @Override
  public void accept(int layer, FileEntry entry, InputStream content) throws IOException {
    Map<String, Captured> files = read.computeIfAbsent(layer, position -> new ConcurrentHashMap<>());
    if (entry.size() > maxFileBytes) {
      files.put(entry.path(), Captured.rejected("/" + entry.path() + " is " + entry.size() + " bytes, more than the"
          + " limit of " + maxFileBytes + " bytes, so its accounts are ignored"));
      return;
    }
    // The header size was checked above, and reading one more byte catches a stream longer than its header.
    byte[] bytes = content.readNBytes(maxFileBytes + 1);
    if (bytes.length > maxFileBytes) {
      files.put(entry.path(), Captured.rejected("/" + entry.path() + " is longer than the limit of " + maxFileBytes
          + " bytes, so its accounts are ignored"));
      return;
    }
    files.put(entry.path(), new Captured(bytes, null));
  }

  /**
   * Reads the accounts of the image's final file system: the {@code /etc/passwd} and
   * {@code /etc/group} that the last layer shows, wherever they were written. A file deleted by a
   * whiteout counts as missing.
   *
   * @throws IOException when the indexer never offered the layer holding a visible file,
   *     which means this collector was not registered with the indexer that produced {@code analysis}
   */
  public AccountDatabase database(ImageAnalysis analysis) throws IOException {
    int count = analysis.layers().size();
    if (count == 0) {
      return AccountDatabase.NONE;
    }
    storeStreamedLayers(analysis);
    FileTree tree = analysis.squashed(count - 1);
    List<String> warnings = new ArrayList<>();
    VisibleFile passwd = visibleFile(tree, PASSWD, warnings);
    List<PasswdEntry> users =
        passwd.text() == null ? List.of() : AccountFiles.parsePasswd(PASSWD, passwd.text(), warnings);
    VisibleFile group = visibleFile(tree, GROUP, warnings);
    List<GroupEntry> groups =
        group.text() == null ? List.of() : AccountFiles.parseGroup(GROUP, group.text(), warnings);
    return new AccountDatabase(passwd.state(), group.state(), users, groups, warnings);
  }

  /** Reads the file the final image shows at {@code path}, adding to {@code warnings} why it is unreadable. */
  private VisibleFile visibleFile(FileTree tree, String path, List<String> warnings) throws IOException {
    Optional<TreeNode> found = tree.find(path);
    if (found.isEmpty() || found.get().entry() == null) {
      return new VisibleFile(FileState.MISSING, null);
    }
    TreeNode node = found.get();
    FileEntry entry = node.entry();
    if (entry.type() != EntryType.FILE) {
      // NOTE: a symlink or hardlink is not followed, so its target's accounts are not read.
      warnings.add("/" + path + " is a " + entry.type().name().toLowerCase(java.util.Locale.ROOT)
          + (entry.linkTarget() == null ? "" : " to " + entry.linkTarget()) + ", which is not followed, so its"
          + " accounts are not known");
      return VisibleFile.UNREADABLE;
    }
    int layer = node.layer();
    if (!announced.contains(layer)) {
      throw new IOException("layer " + (layer + 1) + " was not read for /" + path + ". Register the collector with"
          + " the indexer that analyzes the image");
    }
    Captured captured = capturedFile(layer, path);
    if (captured == null) {
      throw new IOException("layer " + (layer + 1) + " has /" + path + " in its index but the file was not handed"
          + " to the collector");
    }
    if (captured.warning() != null) {
      warnings.add(captured.warning());
      return VisibleFile.UNREADABLE;
    }
    String text = AccountFiles.decode(path, captured.content(), warnings);
    return text == null ? VisibleFile.UNREADABLE : new VisibleFile(FileState.READ, text);
  }

  /** Stores what each layer streamed in this pass contains, including layers without account files. */
  private void storeStreamedLayers(ImageAnalysis analysis) {
    for (int position = 0; position < analysis.layers().size(); position++) {
      Digest diffId = analysis.layers().get(position).diffId();
      if (diffId == null || !announced.contains(position) || fromCache.containsKey(position)) {
        continue;
      }
      Map<String, byte[]> contents = new HashMap<>();
      Map<String, String> rejections = new HashMap<>();
      read.getOrDefault(position, Map.of()).forEach((path, captured) -> {
        if (captured.warning() == null) {
          contents.put(path, captured.content());
        } else {
          rejections.put(path, captured.warning());
        }
      });
      try {
        cache.put(diffId, new LayerFiles(maxFileBytes, contents, rejections));
      } catch (RuntimeException e) {
        LOG.warn("Could not cache the account files of layer {}; the layer will be read again next time", diffId, e);
      }
    }
  }

  /** Returns the file a layer contains at {@code path}, streamed in this pass or from the cache, or null. */
  private Captured capturedFile(int layer, String path) {
    Map<String, Captured> streamed = read.get(layer);
    if (streamed != null && streamed.containsKey(path)) {
      return streamed.get(path);
    }
    LayerFiles cached = fromCache.get(layer);
    if (cached == null) {
      return null;
    }
    if (cached.rejections().containsKey(path)) {
      return Captured.rejected(cached.rejections().get(path));
    }
    byte[] content = cached.contents().get(path);
    return content == null ? null : new Captured(content, null);
  }

  /** State of the file the final image shows at a path, with its text when it could be read. */
  private record VisibleFile(FileState state, String text) {
    static final VisibleFile UNREADABLE = new VisibleFile(FileState.UNREADABLE, null);
  }

  /** The bytes of one file, or the reason it was not kept. */
  private record Captured(byte[] content, String warning) {
    static Captured rejected(String warning) {
      return new Captured(null, warning);
    }
  }
}
