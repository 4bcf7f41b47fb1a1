package io.hullscope.check;

import io.hullscope.check.SecretScanCache.LayerSecrets;
import io.hullscope.image.Digest;
import io.hullscope.image.Layer;
import io.hullscope.index.FileEntry;
import io.hullscope.index.FileInterest;
import io.hullscope.index.ImageAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the files of every streamed layer that may hold secrets during the index pass, and keeps
 * only the redacted hits per layer. Register it with the {@link io.hullscope.index.ImageIndexer};
 * one instance serves one analysis.
 *
 * <p>Only candidate files are read: credential files and key files by name, and small text files
 * (configuration, scripts, shell histories) in the folders where applications and their users
 * live. Package-managed trees such as {@code usr/lib}, {@code node_modules} and
 * {@code site-packages} are not read, and a layer reads at most {@code maxCandidatesPerLayer} of
 * the small text files.
 *
 * <p>Each layer's hits are kept in a {@link SecretScanCache} under its diff id and
 * {@link #detectorKey()}, and a layer the cache has is not streamed for this collector.
 */
public final class SecretFiles implements FileInterest {

  /** Version of the detection rules; raise it when a change can find different hits in the same file. */
  static final int DETECTOR_VERSION = 1;

  /** Default size limit for credential and key files: 1 MiB, far above any real one. */
  public static final int DEFAULT_MAX_FILE_BYTES = 1 << 20;

  /** Default size limit for other text files: 64 KiB, the size of a large configuration file. */
  public static final int DEFAULT_MAX_TEXT_BYTES = 64 * 1024;

  /** Default number of small text files read per layer, beyond the credential and key files. */
  public static final int DEFAULT_MAX_CANDIDATES_PER_LAYER = 5000;

  private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

  /** Top folders where applications, their configuration and their users' files usually live. */
  private static final List<String> LIKELY_PLACES = List.of(
      "app/", "root/", "home/", "srv/", "opt/", "etc/", "workspace/", "workdir/", "src/", "code/", "project/",
      "usr/src/", "usr/app/", "usr/local/app/", "var/www/", "var/lib/jenkins/", "config/", "data/", "deploy/",
      "build/", "tmp/", "run/secrets/");

  /** Folders that package managers fill; their files are not ours to judge and are many. */
  private static final Set<String> SKIPPED_FOLDERS = Set.of(
      "node_modules", "site-packages", "dist-packages", "vendor", "__pycache__", ".git", ".cache", ".npm", ".m2",
      ".gradle", ".cargo", ".rustup", "locale", "locales", "man", "terminfo", "zoneinfo", "mime", "icons",
      "fonts", "licenses");

  private static final Set<String> TEXT_EXTENSIONS = Set.of(
      "env", "json", "yaml", "yml", "toml", "ini", "cfg", "conf", "config", "properties", "xml", "sh", "bash",
      "zsh", "py", "js", "mjs", "cjs", "ts", "rb", "php", "txt", "tf", "tfvars", "hcl", "sql", "groovy", "gradle",
      "kts", "ps1", "cnf");

  private static final Set<String> TEXT_NAMES = Set.of(
      "credentials", "secrets", "secret", "token", "config", "settings", "dockerfile", "makefile", ".bash_history",
      ".zsh_history", ".ash_history", ".sh_history", ".psql_history", ".mysql_history", ".python_history",
      ".profile", ".bashrc", ".zshrc", ".bash_profile", ".s3cfg", ".pgpass", ".my.cnf", ".boto", ".terraformrc",
      "terraform.rc", ".htpasswd", "wp-config.php");

  private static final Set<String> KEY_NAMES = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk",
      "id_ed25519_sk", "identity");

  private static final Set<String> KEY_EXTENSIONS = Set.of("pem", "key", "p8", "pk8", "priv", "private");

  private final int maxFileBytes;
  private final int maxTextBytes;
  private final int maxCandidatesPerLayer;
  private final SecretScanCache cache;
  private final Map<Integer, List<SecretHit>> streamed = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> candidates = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> skipped = new ConcurrentHashMap<>();
  private final Set<Integer> announced = ConcurrentHashMap.newKeySet();
  private final Map<Integer, LayerSecrets> fromCache = new ConcurrentHashMap<>();

  /** Creates a collector with the default limits and no cache. */
  public SecretFiles() {
    this(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TEXT_BYTES, DEFAULT_MAX_CANDIDATES_PER_LAYER, SecretScanCache.NONE);
  }

  /** Creates a collector with the default limits that keeps each layer's hits in {@code cache}. */
  public SecretFiles(SecretScanCache cache) {
    this(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TEXT_BYTES, DEFAULT_MAX_CANDIDATES_PER_LAYER, cache);
  }

  /**
   * Creates a collector.
   *
   * @param maxFileBytes size limit for credential and key files, which are wanted by name
   * @param maxTextBytes size limit for other text files in likely places
   * @param maxCandidatesPerLayer how many of those other text files one layer may hand over
   * @param cache where each layer's hits are kept
   */
  public SecretFiles(int maxFileBytes, int maxTextBytes, int maxCandidatesPerLayer, SecretScanCache cache) {
    if (maxFileBytes < 1 || maxTextBytes < 1 || maxCandidatesPerLayer < 0) {
      throw new IllegalArgumentException("size limits must be at least 1 byte and the file count at least 0, not "
          + maxFileBytes + ", " + maxTextBytes + ", " + maxCandidatesPerLayer);
    }
    this.maxFileBytes = maxFileBytes;
    this.maxTextBytes = maxTextBytes;
    this.maxCandidatesPerLayer = maxCandidatesPerLayer;
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** The cache key of these rules and limits: a layer scanned with another key is scanned again. */
  public String detectorKey() {
    return "secrets-v" + DETECTOR_VERSION + ";file=" + maxFileBytes + ";text=" + maxTextBytes + ";count="
        + maxCandidatesPerLayer;
  }

  /** Returns false for a layer whose hits the cache has, found with the same rules and limits. */
  @Override
  public boolean needsLayer(int position, Layer layer) {
    announced.add(position);
    Digest diffId = layer.diffId();
    if (diffId == null) {
      return true;
    }
    LayerSecrets cached = cache.get(diffId, detectorKey()).orElse(null);
    if (cached != null) {
      fromCache.put(position, cached);
    }
    return cached == null;
  }

  @Override
  public boolean wants(int layer, FileEntry entry) {
    long size = entry.size();
    // A layer streamed for another interest needs no scan when the cache already has its hits.
    if (size <= 0 || size > maxFileBytes || fromCache.containsKey(layer)) {
      return false;
    }
    String path = entry.path();
    String lower = path.toLowerCase(Locale.ROOT);
    String name = lower.substring(lower.lastIndexOf('/') + 1);
    if (name.endsWith(".pub") || name.endsWith(".crt") || name.endsWith(".cer")) {
      return false;
    }
    if (CredentialFile.of(path) != null || isKeyFile(name)) {
      return true;
    }
    if (size > maxTextBytes || !isLikelyText(lower, name)) {
      return false;
    }
    int count = candidates.computeIfAbsent(layer, position -> new AtomicInteger()).incrementAndGet();
    if (count > maxCandidatesPerLayer) {
      skipped.computeIfAbsent(layer, position -> new AtomicInteger()).incrementAndGet();
      return false;
    }
    return true;
  }

  @Override
  public void accept(int layer, FileEntry entry, InputStream content) throws IOException {
    // wants() checked the size from the header; one byte more catches a stream longer than that.
    byte[] bytes = content.readNBytes(maxFileBytes + 1);
    if (bytes.length > maxFileBytes) {
      LOG.debug("Skipping /{} in layer {}: longer than {} bytes", entry.path(), layer + 1, maxFileBytes);
      return;
    }
    List<SecretHit> hits;
    try {
      hits = SecretFileScanner.scan(entry.path(), bytes);
    } catch (RuntimeException e) {
      // A detector bug costs this file only; the message never includes the file's content.
      LOG.warn("Scanning /{} in layer {} for secrets failed: {}", entry.path(), layer + 1, e.toString());
      return;
    }
    if (!hits.isEmpty()) {
      streamed.computeIfAbsent(layer, position -> Collections.synchronizedList(new ArrayList<>())).addAll(hits);
    }
  }

  /**
   * Returns the hits of every layer of {@code analysis}, by layer position, from this pass or the
   * cache, and stores the streamed layers in the cache.
   *
   * @throws IOException when the indexer never offered a layer, which means this collector was not
   *     registered with the indexer that produced {@code analysis}
   */
  public Map<Integer, LayerSecrets> layers(ImageAnalysis analysis) throws IOException {
    Map<Integer, LayerSecrets> result = new java.util.TreeMap<>();
    for (int position = 0; position < analysis.layers().size(); position++) {
      if (!announced.contains(position)) {
        throw new IOException("layer " + (position + 1) + " was not offered to the secret scan. Register the"
            + " interests of the checks with the indexer that analyzes the image");
      }
      LayerSecrets cached = fromCache.get(position);
      if (cached != null) {
        result.put(position, cached);
        continue;
      }
      List<SecretHit> hits = streamed.getOrDefault(position, List.of());
      int skippedFiles = skipped.getOrDefault(position, new AtomicInteger()).get();
      if (skippedFiles > 0) {
        LOG.warn("Layer {} has more than {} candidate text files; {} were not scanned for secrets", position + 1,
            maxCandidatesPerLayer, skippedFiles);
      }
      LayerSecrets secrets;
      synchronized (hits) {
        secrets = new LayerSecrets(hits, skippedFiles);
      }
      result.put(position, secrets);
      Digest diffId = analysis.layers().get(position).diffId();
      if (diffId != null) {
        try {
          cache.put(diffId, detectorKey(), secrets);
        } catch (RuntimeException e) {
          LOG.warn("Could not cache the secret scan of layer {}; it will be read again next time", diffId, e);
        }
      }
    }
    return result;
  }

  private static boolean isKeyFile(String name) {
    if (KEY_NAMES.contains(name) || (name.startsWith("ssh_host_") && name.endsWith("_key"))) {
      return true;
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 && KEY_EXTENSIONS.contains(name.substring(dot + 1));
  }

  private static boolean isLikelyText(String lower, String name) {
    boolean likelyPlace = false;
    for (String place : LIKELY_PLACES) {
      if (lower.startsWith(place)) {
        likelyPlace = true;
        break;
      }
    }
    if (!likelyPlace) {
      return false;
    }
    int slash = -1;
    int next;
    while ((next = lower.indexOf('/', slash + 1)) >= 0) {
      if (SKIPPED_FOLDERS.contains(lower.substring(slash + 1, next))) {
        return false;
      }
      slash = next;
    }
    if (TEXT_NAMES.contains(name)) {
      return true;
    }
    int dot = name.lastIndexOf('.');
    return dot >= 0 && TEXT_EXTENSIONS.contains(name.substring(dot + 1));
  }
}
