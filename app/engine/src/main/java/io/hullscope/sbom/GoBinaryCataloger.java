package io.hullscope.sbom;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the Go modules a Go executable was built with, from the build information the Go
 * toolchain embeds in ELF, Mach-O and PE binaries (what {@code go version -m} prints). Stripped
 * binaries keep it. Both layouts are read: Go 1.18 and later store the strings inline, older
 * toolchains store pointers, which are mapped to file offsets through the program headers, load
 * commands or section table (see {@link GoBuildInfoReader}).
 *
 * <p>Packages, all of type {@code golang}:
 *
 * <ul>
 *   <li>the main module, {@code pkg:golang/<module path>@<version>}; a module built from a
 *       working tree has the version {@code (devel)}, which is kept as the version but left out of
 *       the purl. Its dependencies are every other package of the binary.
 *   <li>every dependency module. A replaced module (a {@code =>} line) keeps its own path as the
 *       name and takes the replacement's version; the replacement's path is the source name, so a
 *       local directory replacement reads as version {@code (devel)} from {@code ../lib}.
 *   <li>the standard library as {@code pkg:golang/stdlib@<version>}, with the Go version without
 *       its {@code go} prefix and without an experiment suffix ({@code go1.21.3 X:boringcrypto}
 *       gives {@code 1.21.3}), the name and version form that the Go vulnerability database
 *       uses. A development toolchain's version ({@code devel ...}) is kept as is and left out of
 *       the purl.
 * </ul>
 *
 * The architecture of every package is the binary's {@code GOARCH} build setting, when recorded.
 * A file that is not an executable, or an executable without Go build information, gives no
 * packages and no error.
 */
public final class GoBinaryCataloger implements Cataloger {

  /** Default number of bytes read from one file before giving up: 256 MiB. */
  public static final long DEFAULT_MAX_SCAN_BYTES = 256L * 1024 * 1024;

  /** Default maximum length of the embedded module text: 4 MiB, far above real binaries' few KiB. */
  public static final int DEFAULT_MAX_MODULE_INFO_BYTES = 4 * 1024 * 1024;

  /** Smallest file worth opening: an ELF, Mach-O or PE header alone is about this large. */
  static final long MIN_FILE_BYTES = 64;

  /** Header bytes read first; the program headers, load commands or PE section table must fit. */
  static final int HEADER_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(GoBinaryCataloger.class);
  private static final String TYPE = "golang";
  private static final String DEVEL = "(devel)";

  private final long maxScanBytes;
  private final int maxModuleInfoBytes;

  /**
   * @param maxScanBytes bytes read from one file at most; build information found past them fails
   *     the file with a message naming the limit
   * @param maxModuleInfoBytes maximum length of the version and of the module text
   */
  public GoBinaryCataloger(long maxScanBytes, int maxModuleInfoBytes) {
    if (maxScanBytes < HEADER_BYTES || maxModuleInfoBytes <= 0) {
      throw new IllegalArgumentException(
          "maxScanBytes must be at least " + HEADER_BYTES + " and maxModuleInfoBytes positive, got " + maxScanBytes
              + " and " + maxModuleInfoBytes);
    }
    this.maxScanBytes = maxScanBytes;
    this.maxModuleInfoBytes = maxModuleInfoBytes;
  }

  public GoBinaryCataloger() {
    this(DEFAULT_MAX_SCAN_BYTES, DEFAULT_MAX_MODULE_INFO_BYTES);
  }

  @Override
  public String name() {
    return "go-binary";
  }

  @Override
  public int version() {
    return 1;
  }

  /** Returns true for a regular file with any execute bit that is large enough to be an executable. */
  @Override
  public boolean wants(FileEntry entry) {
    return isExecutableFile(entry);
  }

  /** Returns true for a regular file with any execute bit and at least {@link #MIN_FILE_BYTES}. */
  static boolean isExecutableFile(FileEntry entry) {
    return entry.type() == EntryType.FILE && (entry.mode() & 0111) != 0 && entry.size() >= MIN_FILE_BYTES;
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    BinaryReader reader = new BinaryReader(content, maxScanBytes);
    int headerLength = reader.fill(0, HEADER_BYTES);
    BinaryLayout layout = BinaryLayout.parse(path, reader.buffer(), headerLength);
    if (layout == null) {
      return List.of();
    }
    GoBuildInfoReader.BuildInfo info = new GoBuildInfoReader(maxModuleInfoBytes).read(path, reader, layout);
    if (info == null) {
      return List.of();
    }
    return packages(path, info.goVersion(), GoModuleInfo.parse(info.moduleInfo()));
  }

  /** Turns parsed build information into packages, in the order main module, dependencies, stdlib. */
  static List<Package> packages(String path, String goVersion, GoModuleInfo modules) {
    String architecture = modules.settings().get("GOARCH");
    List<Package> dependencies = new ArrayList<>();
    for (GoModuleInfo.Module dependency : modules.dependencies()) {
      GoModuleInfo.Module replacement = dependency.replacement();
      String version = replacement == null ? dependency.version() : replacement.version();
      String sourceName = replacement == null || replacement.path().equals(dependency.path()) ? null : replacement.path();
      add(dependencies, path, dependency.path(), version, sourceName, architecture, List.of());
    }
    add(dependencies, path, "stdlib", standardLibraryVersion(goVersion), null, architecture, List.of());

    List<Package> packages = new ArrayList<>();
    GoModuleInfo.Module main = modules.main();
    if (main != null) {
      List<String> names = dependencies.stream().map(Package::name).distinct().toList();
      add(packages, path, main.path(), main.version(), null, architecture, names);
    }
    packages.addAll(dependencies);
    return packages;
  }

  /** Returns the Go version without the {@code go} prefix and experiment suffix, or unchanged when it has no {@code go} prefix. */
  static String standardLibraryVersion(String goVersion) {
    if (!goVersion.startsWith("go")) {
      return goVersion;
    }
    String version = goVersion.substring(2);
    int space = version.indexOf(' ');
    return space < 0 ? version : version.substring(0, space);
  }

  private static void add(
      List<Package> packages, String path, String module, String version, String sourceName, String architecture,
      List<String> dependencies) {
    String purlVersion = version == null || version.equals(DEVEL) || version.startsWith("devel") ? null : version;
    int slash = module.lastIndexOf('/');
    String namespace = slash < 0 ? null : module.substring(0, slash);
    String name = module.substring(slash + 1);
    String purl;
    try {
      purl = PackageUrls.of(TYPE, namespace, name, purlVersion, null);
    } catch (IllegalArgumentException e) {
      // One module path the purl library rejects must not hide the binary's other modules.
      LOG.warn("Skipped Go module '{}' of {}: {}", module, path, e.getMessage());
      return;
    }
    packages.add(new Package(module, version, TYPE, purl, List.of(), sourceName, null, architecture, path,
        dependencies));
  }
}
