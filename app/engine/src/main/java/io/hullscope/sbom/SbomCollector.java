package io.hullscope.sbom;

import io.hullscope.image.Digest;
import io.hullscope.image.Layer;
import io.hullscope.index.EntryNames;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.FileInterest;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.LayerIndex;
import io.hullscope.sbom.LayerCatalog.FileCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an image's SBOM in the same pass that indexes its layers. Register it with the {@link
 * io.hullscope.index.ImageIndexer}: it hands each regular file that a {@link Cataloger} wants to
 * that cataloger while the layer streams, keeps the result per layer, and after indexing {@link
 * #build}s the SBOM of the final file system with every package attributed to its layers.
 *
 * <p>Results are cached per layer digest in a {@link CatalogCache}; a layer whose catalog is cached
 * is not streamed for the SBOM (see {@link FileInterest#needsLayer}).
 *
 * <p>A file that a cataloger cannot read becomes a {@link CatalogWarning} and the rest of the SBOM
 * is still built. NOTE: evidence reached only through a symlink (a database path that is a
 * symlink, or inside a symlinked folder) is not followed.
 *
 * <p>One collector serves one analysis: create a new one for each image.
 */
public final class SbomCollector implements FileInterest {

  /** The name under which {@code os-release} results are recorded. */
  static final String OS_RELEASE = "os-release";

  private static final Logger LOG = LoggerFactory.getLogger(SbomCollector.class);

  private final List<Cataloger> catalogers;
  private final CatalogCache cache;
  private final String cacheKey;
  private final Map<Integer, LayerCatalog> fromCache = new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, FileCatalog>> read = new ConcurrentHashMap<>();
  private final Set<Integer> announced = ConcurrentHashMap.newKeySet();

  public SbomCollector(List<Cataloger> catalogers, CatalogCache cache) {
    this.catalogers = List.copyOf(catalogers);
    this.cache = Objects.requireNonNull(cache, "cache");
    this.cacheKey = cacheKey(this.catalogers);
  }

  /** Returns a collector with {@link Catalogers#defaults()} and no cache. */
  public static SbomCollector withDefaults() {
    return new SbomCollector(Catalogers.defaults(), CatalogCache.NONE);
  }

  /**
   * Returns the key a layer catalog is cached under: the sorted names and versions of the
   * catalogers plus the format of the os-release result, for example {@code apk:1,dpkg:1,os:1}.
   */
  static String cacheKey(List<Cataloger> catalogers) {
    TreeSet<String> parts = new TreeSet<>();
    for (Cataloger cataloger : catalogers) {
      parts.add(cataloger.name() + ":" + cataloger.version());
    }
    parts.add("os:1");
    return String.join(",", parts);
  }

  @Override
  public boolean needsLayer(int position, Layer layer) {
    announced.add(position);
    Digest diffId = layer.diffId();
    if (diffId == null) {
      return true;
    }
    var cached = cache.get(diffId, cacheKey);
    cached.ifPresent(catalog -> fromCache.put(position, catalog));
    return cached.isEmpty();
  }

  @Override
  public boolean wants(int layer, FileEntry entry) {
    if (OsReleaseParser.PATHS.contains(entry.path())) {
      return true;
    }
    for (Cataloger cataloger : catalogers) {
      if (cataloger.wants(entry) || cataloger.declaresLicenses(entry)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void accept(int layer, FileEntry entry, InputStream content) throws IOException {
    Map<String, FileCatalog> files = read.computeIfAbsent(layer, position -> new ConcurrentHashMap<>());
    String path = entry.path();
    if (OsReleaseParser.PATHS.contains(path)) {
      files.put(path, readOsRelease(path, content));
      return;
    }
    // The stream can be read once, so the first cataloger that wants a file reads it.
    for (Cataloger cataloger : catalogers) {
      if (cataloger.wants(entry)) {
        files.put(path, readWith(cataloger, path, content));
        return;
      }
    }
    for (Cataloger cataloger : catalogers) {
      if (cataloger.declaresLicenses(entry)) {
        files.put(path, readLicensesWith(cataloger, path, content));
        return;
      }
    }
  }

  private static FileCatalog readLicensesWith(Cataloger cataloger, String path, InputStream content)
      throws IOException {
    try {
      return new FileCatalog(cataloger.name(), List.of(), null, null, cataloger.readLicenses(path, content));
    } catch (PackageDatabaseException e) {
      // A license file that cannot be read costs the license, not a warning on the SBOM.
      LOG.debug("Ignored the licenses of /{}: {}", path, e.getMessage());
      return new FileCatalog(cataloger.name(), List.of(), null, null);
    } catch (RuntimeException e) {
      LOG.warn("The {} cataloger failed on the licenses of /{}", cataloger.name(), path, e);
      return new FileCatalog(cataloger.name(), List.of(), null, null);
    }
  }

  private static FileCatalog readOsRelease(String path, InputStream content) throws IOException {
    try {
      return new FileCatalog(OS_RELEASE, List.of(), OsReleaseParser.parse(path, content), null);
    } catch (PackageDatabaseException e) {
      return new FileCatalog(OS_RELEASE, List.of(), null, e.getMessage());
    }
  }

  private static FileCatalog readWith(Cataloger cataloger, String path, InputStream content) throws IOException {
    try {
      return new FileCatalog(cataloger.name(), cataloger.read(path, content), null, null);
    } catch (PackageDatabaseException e) {
      // The warning reaches the user through the SBOM; the log keeps it for the desktop's log file.
      LOG.info("Skipped /{}: {}", path, e.getMessage());
      return new FileCatalog(cataloger.name(), List.of(), null, e.getMessage());
    } catch (RuntimeException e) {
      // A cataloger bug must cost one file, not the image: record it and keep the stack in the log.
      LOG.warn("The {} cataloger failed on /{}", cataloger.name(), path, e);
      return new FileCatalog(cataloger.name(), List.of(), null,
          "the " + cataloger.name() + " cataloger failed (" + e + ")");
    }
  }

  /**
   * Builds the SBOM of the image's final file system. Stores the catalogs of the layers read in
   * this pass in the cache.
   *
   * @param tool name and version of this program, recorded in the SBOM
   * @throws IOException when a layer was neither streamed nor cached, which means the collector
   *     was not registered with the indexer that produced {@code analysis}
   */
  public ImageSbom build(ImageAnalysis analysis, String tool) throws IOException {
    List<LayerIndex> indexes = analysis.layers();
    int count = indexes.size();
    List<LayerCatalog> catalogs = new ArrayList<>(count);
    List<Digest> diffIds = new ArrayList<>(count);
    for (int position = 0; position < count; position++) {
      Digest diffId = indexes.get(position).diffId();
      diffIds.add(diffId);
      if (!announced.contains(position)) {
        throw new IOException("layer " + (position + 1) + " (" + diffId + ") was neither read nor cached for the"
            + " SBOM; register the collector with the indexer that analyzes the image");
      }
      Map<String, FileCatalog> files = read.get(position);
      LayerCatalog catalog;
      if (files != null || !fromCache.containsKey(position)) {
        // Streamed in this pass: a layer without wanted files has an empty catalog.
        catalog = new LayerCatalog(files == null ? Map.of() : files);
        if (diffId != null) {
          cache.put(diffId, cacheKey, catalog);
        }
      } else {
        catalog = fromCache.get(position);
      }
      catalogs.add(catalog);
    }

    Visibility visibility = Visibility.of(indexes, catalogs);
    int last = count - 1;
    Distro distro = count == 0 ? null : distroAt(visibility, catalogs, last);
    Map<PackageKey, Package> finalPackages = count == 0 ? Map.of() : packagesAt(visibility, catalogs, last);
    Map<String, List<String>> declared = count == 0 ? Map.of() : licensesAt(visibility, catalogs, count - 1);
    List<ImagePackage> packages = attribute(visibility, catalogs, finalPackages, distro, declared);
    List<CatalogWarning> warnings = count == 0 ? List.of() : warningsAt(visibility, catalogs, last);
    LOG.info("Cataloged {} packages in {} layers ({} from the cache), {} warnings",
        packages.size(), count, fromCache.size(), warnings.size());
    return new ImageSbom(SbomSubject.of(analysis.image()), distro, packages, diffIds, warnings, tool);
  }

  /**
   * Walks from the last layer down and records, for each final package, the first layer of the
   * unbroken run of layers that have it (added) and that have it in its final version (changed).
   */
  private static List<ImagePackage> attribute(Visibility visibility, List<LayerCatalog> catalogs,
      Map<PackageKey, Package> finalPackages, Distro distro, Map<String, List<String>> declared) {
    int last = catalogs.size() - 1;
    Map<PackageKey, Integer> added = new HashMap<>();
    Map<PackageKey, Integer> changed = new HashMap<>();
    Set<PackageKey> present = new HashSet<>(finalPackages.keySet());
    Set<PackageKey> unchanged = new HashSet<>(finalPackages.keySet());
    finalPackages.keySet().forEach(key -> {
      added.put(key, last);
      changed.put(key, last);
    });
    for (int layer = last - 1; layer >= 0 && !present.isEmpty(); layer--) {
      if (visibility.sameAsNext(layer)) {
        for (PackageKey key : present) {
          added.put(key, layer);
        }
        for (PackageKey key : unchanged) {
          changed.put(key, layer);
        }
        continue;
      }
      Map<PackageKey, Package> below = packagesAt(visibility, catalogs, layer);
      present.retainAll(below.keySet());
      for (PackageKey key : present) {
        added.put(key, layer);
      }
      unchanged.removeIf(key -> !below.containsKey(key)
          || !Objects.equals(below.get(key).version(), finalPackages.get(key).version()));
      for (PackageKey key : unchanged) {
        changed.put(key, layer);
      }
    }
    List<ImagePackage> result = new ArrayList<>(finalPackages.size());
    finalPackages.forEach((key, pkg) -> {
      Package withLicenses = pkg;
      List<String> licenses = declared.get(pkg.type() + "/" + pkg.name());
      if (pkg.licenses().isEmpty() && licenses != null) {
        withLicenses = new Package(pkg.name(), pkg.version(), pkg.type(), pkg.purl(), licenses, pkg.sourceName(),
            pkg.sourceVersion(), pkg.architecture(), pkg.evidencePath(), pkg.dependencies(), pkg.hashes());
      }
      result.add(new ImagePackage(withLicenses.withPurl(PackageUrls.withDistro(pkg.purl(), distro)),
          added.get(key), changed.get(key)));
    });
    return result;
  }

  /** Returns the licenses the visible license files declare, by package type and name. */
  private static Map<String, List<String>> licensesAt(Visibility visibility, List<LayerCatalog> catalogs, int layer) {
    Map<String, List<String>> licenses = new HashMap<>();
    for (String path : visibility.orderedPaths()) {
      int from = visibility.layerOf(path, layer);
      if (from >= 0) {
        FileCatalog file = catalogs.get(from).files().get(path);
        if (file != null) {
          file.licenses().forEach(licenses::putIfAbsent);
        }
      }
    }
    return licenses;
  }

  /** Returns the packages of the file system after {@code layer}, in evidence path order. */
  private static Map<PackageKey, Package> packagesAt(Visibility visibility, List<LayerCatalog> catalogs, int layer) {
    Map<PackageKey, Package> packages = new LinkedHashMap<>();
    boolean rpmSeen = false;
    for (String path : visibility.orderedPaths()) {
      int from = visibility.layerOf(path, layer);
      if (from < 0) {
        continue;
      }
      if (RpmDatabases.PATHS.contains(path)) {
        // An image has one RPM database; a leftover copy in an older format is not read.
        if (rpmSeen) {
          continue;
        }
        rpmSeen = true;
      }
      FileCatalog file = catalogs.get(from).files().get(path);
      if (file == null) {
        continue;
      }
      for (Package pkg : file.packages()) {
        packages.putIfAbsent(PackageKey.of(pkg), pkg);
      }
    }
    return packages;
  }

  private static Distro distroAt(Visibility visibility, List<LayerCatalog> catalogs, int layer) {
    for (String path : OsReleaseParser.PATHS) {
      int from = visibility.layerOf(path, layer);
      if (from >= 0) {
        FileCatalog file = catalogs.get(from).files().get(path);
        if (file != null && file.distro() != null) {
          return file.distro();
        }
      }
    }
    return null;
  }

  private static List<CatalogWarning> warningsAt(Visibility visibility, List<LayerCatalog> catalogs, int layer) {
    List<CatalogWarning> warnings = new ArrayList<>();
    for (String path : visibility.orderedPaths()) {
      int from = visibility.layerOf(path, layer);
      if (from >= 0) {
        FileCatalog file = catalogs.get(from).files().get(path);
        if (file != null && file.warning() != null) {
          warnings.add(new CatalogWarning(from, path, file.cataloger(), file.warning()));
        }
      }
    }
    return warnings;
  }

  /**
   * Identifies a package across layers: the same evidence file, type, name and architecture. The
   * version is not part of it, so an upgrade is a change of the same package.
   */
  private record PackageKey(String evidencePath, String type, String name, String architecture) {
    static PackageKey of(Package pkg) {
      return new PackageKey(pkg.evidencePath(), pkg.type(), pkg.name(), pkg.architecture());
    }
  }

  /**
   * Records, for every path some layer's catalog has, which layer's version is visible after each
   * layer, or none. It follows the OCI rules on the layer indexes: opaque directories and whiteouts
   * apply first, then the layer's own entries. A path counts only while it is a regular file.
   */
  private static final class Visibility {
    private final List<String> paths;
    private final Map<String, int[]> visibleFrom;
    private final boolean[] sameAsNext;

    private Visibility(List<String> paths, Map<String, int[]> visibleFrom, boolean[] sameAsNext) {
      this.paths = paths;
      this.visibleFrom = visibleFrom;
      this.sameAsNext = sameAsNext;
    }

    static Visibility of(List<LayerIndex> indexes, List<LayerCatalog> catalogs) {
      TreeSet<String> evidence = new TreeSet<>();
      catalogs.forEach(catalog -> evidence.addAll(catalog.files().keySet()));
      // Every evidence path and its ancestors: an entry at an ancestor that is not a folder hides it.
      Set<String> relevant = new HashSet<>();
      for (String path : evidence) {
        for (String current = path; !current.isEmpty(); current = EntryNames.parent(current)) {
          if (!relevant.add(current)) {
            break;
          }
        }
      }

      int count = indexes.size();
      Map<String, int[]> visible = new HashMap<>();
      for (String path : evidence) {
        visible.put(path, new int[count]);
      }
      int[] state = new int[evidence.size()];
      java.util.Arrays.fill(state, -1);
      List<String> ordered = List.copyOf(evidence);
      for (int layer = 0; layer < count; layer++) {
        LayerIndex index = indexes.get(layer);
        Map<String, EntryType> types = new HashMap<>();
        for (FileEntry entry : index.entries()) {
          if (relevant.contains(entry.path())) {
            types.put(entry.path(), entry.type());
          }
        }
        for (int i = 0; i < ordered.size(); i++) {
          String path = ordered.get(i);
          EntryType own = types.get(path);
          if (own != null) {
            state[i] = own == EntryType.FILE ? layer : -1;
          } else if (hidden(path, index, types)) {
            state[i] = -1;
          }
          visible.get(path)[layer] = state[i];
        }
      }

      boolean[] same = new boolean[count];
      for (int layer = 0; layer + 1 < count; layer++) {
        boolean equal = true;
        for (int[] layers : visible.values()) {
          if (layers[layer] != layers[layer + 1]) {
            equal = false;
            break;
          }
        }
        same[layer] = equal;
      }
      return new Visibility(ordered, visible, same);
    }

    /** Returns true when this layer deletes the path, or hides or replaces one of its folders. */
    private static boolean hidden(String path, LayerIndex index, Map<String, EntryType> types) {
      for (String deleted : index.deletions()) {
        if (path.equals(deleted) || path.startsWith(deleted + "/")) {
          return true;
        }
      }
      for (String opaque : index.opaqueDirectories()) {
        if (opaque.isEmpty() || path.startsWith(opaque + "/")) {
          return true;
        }
      }
      for (String parent = EntryNames.parent(path); !parent.isEmpty(); parent = EntryNames.parent(parent)) {
        EntryType type = types.get(parent);
        if (type != null && type != EntryType.DIRECTORY) {
          return true;
        }
      }
      return false;
    }

    List<String> orderedPaths() {
      return paths;
    }

    /** Returns the layer whose version of {@code path} is visible after {@code layer}, or -1. */
    int layerOf(String path, int layer) {
      int[] layers = visibleFrom.get(path);
      return layers == null ? -1 : layers[layer];
    }

    boolean sameAsNext(int layer) {
      return sameAsNext[layer];
    }
  }

  @Override
  public String toString() {
    return "SbomCollector[" + catalogers.stream().map(Cataloger::name).collect(Collectors.joining(", ")) + "]";
  }
}
