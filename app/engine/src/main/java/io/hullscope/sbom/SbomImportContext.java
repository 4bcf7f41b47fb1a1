package io.hullscope.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.hullscope.image.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of one import shared by the CycloneDX and SPDX readers: warnings (capped), counts of
 * skipped entries, and the packages found so far as {@link Draft}s, which become {@link Package}s
 * once the dependency graph is known.
 */
final class SbomImportContext {

  /** Maximum length of a name, version or purl; an entry with a longer one is left out as malformed. */
  static final int MAX_FIELD_LENGTH = 4096;

  /** Purl type of packages whose document gives no valid purl. */
  static final String UNKNOWN_TYPE = "generic";

  private final String fileName;
  private final String reader;
  private final int maxWarnings;
  private final List<CatalogWarning> warnings = new ArrayList<>();
  private int droppedWarnings;
  private final Map<String, Integer> skipped = new TreeMap<>();
  private final List<Draft> drafts = new ArrayList<>();

  SbomImportContext(String fileName, String reader, int maxWarnings) {
    this.fileName = fileName;
    this.reader = reader;
    this.maxWarnings = maxWarnings;
  }

  String fileName() {
    return fileName;
  }

  /** Records a problem with one entry; the import goes on without that entry or field. */
  void warn(String message) {
    if (warnings.size() < maxWarnings) {
      warnings.add(new CatalogWarning(-1, fileName, reader, message));
    } else {
      droppedWarnings++;
    }
  }

  /** Counts an entry that is not a package, under a kind such as {@code file}. */
  void skip(String kind) {
    skipped.merge(kind, 1, Integer::sum);
  }

  Map<String, Integer> skipped() {
    return skipped;
  }

  /** Returns the warnings, with a last one that counts those left out above the cap. */
  List<CatalogWarning> warnings() {
    List<CatalogWarning> all = new ArrayList<>(warnings);
    if (droppedWarnings > 0) {
      all.add(new CatalogWarning(-1, fileName, reader, droppedWarnings + " more warnings were left out"));
    }
    return all;
  }

  /**
   * Checks the fields every package needs and adds a draft for it, or counts it as {@code
   * invalid} with a warning and returns null.
   *
   * @param describedAs how to name the entry in a warning, for example {@code component 'x'}
   */
  Draft addDraft(String describedAs, String name, String version, String purlText) {
    if (name == null || name.isBlank()) {
      warn(describedAs + " has no name and was left out");
      skip("invalid");
      return null;
    }
    if (tooLong(name) || tooLong(version) || tooLong(purlText)) {
      warn(abbreviate(describedAs) + " has a name, version or purl longer than " + MAX_FIELD_LENGTH
          + " characters and was left out");
      skip("invalid");
      return null;
    }
    Draft draft = new Draft(name, version == null || version.isBlank() ? null : version);
    draft.purl = parsePurl(describedAs, purlText);
    drafts.add(draft);
    return draft;
  }

  List<Draft> drafts() {
    return drafts;
  }

  /** Parses a purl, or returns null with a warning when it is invalid; a blank purl is no purl. */
  PackageURL parsePurl(String describedAs, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new PackageURL(text.strip());
    } catch (MalformedPackageURLException | IllegalArgumentException e) {
      warn(describedAs + " has an invalid purl '" + abbreviate(text) + "' (" + e.getMessage()
          + "); it was kept without a purl");
      return null;
    }
  }

  /** Parses a layer diff id, or returns null with a warning when it is not a valid digest. */
  Digest parseLayer(String describedAs, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Digest.parse(text.strip());
    } catch (IllegalArgumentException e) {
      warn(describedAs + " names an invalid layer id '" + abbreviate(text) + "'; its layer is unknown");
      return null;
    }
  }

  /**
   * Turns the drafts into packages. Dependencies are the names of drafts the graph links to that
   * have the same purl type, because {@link Package#dependencies()} names packages of its type.
   */
  List<Package> packages() {
    List<Package> packages = new ArrayList<>(drafts.size());
    for (Draft draft : drafts) {
      Set<String> dependencyNames = new LinkedHashSet<>();
      for (Draft target : draft.dependsOn) {
        if (target != draft && target.type().equals(draft.type())) {
          dependencyNames.add(target.name);
        }
      }
      packages.add(draft.toPackage(List.copyOf(dependencyNames)));
    }
    return packages;
  }

  /** Returns the result of the import, built from the drafts and the counts gathered so far. */
  SbomImport result(SbomSubject subject, Distro distro, String tool, String format) {
    List<ImagePackage> packages = packages().stream().map(ImagePackage::withoutLayers).toList();
    List<Digest> added = new ArrayList<>(drafts.size());
    List<Digest> changed = new ArrayList<>(drafts.size());
    for (Draft draft : drafts) {
      added.add(draft.layer);
      changed.add(draft.changedLayer);
    }
    ImageSbom sbom = new ImageSbom(subject, distro, packages, List.of(), warnings(), tool);
    return new SbomImport(sbom, format, added, changed, skipped);
  }

  /**
   * Warns when the version field and the purl's version name different versions, for example an
   * SPDX {@code versionInfo} of {@code 4.2.46} next to a purl version of {@code 4.2.46-31.el7}.
   * The version field is kept, so a comparison shows the difference instead of hiding it.
   */
  void checkPurlVersion(String describedAs, Draft draft) {
    if (draft.purl == null || draft.purl.getVersion() == null || draft.version == null) {
      return;
    }
    String fromPurl = SbomComparisonKeys.effectiveVersion(draft.type(), draft.purl.getVersion(), draft.purl);
    String recorded = SbomComparisonKeys.effectiveVersion(draft.type(), draft.version, draft.purl);
    if (!fromPurl.equals(recorded)) {
      warn(describedAs + " has version '" + abbreviate(draft.version) + "' but its purl has version '"
          + abbreviate(draft.purl.getVersion()) + "'; the version field is used");
    }
  }

  private static boolean tooLong(String text) {
    return text != null && text.length() > MAX_FIELD_LENGTH;
  }

  /** Shortens a value quoted in a warning so that a hostile document cannot bloat the warnings. */
  static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  /**
   * Maps a checksum algorithm as CycloneDX ({@code SHA-256}) or SPDX ({@code SHA256}) names it
   * to the name {@link Package#hashes()} uses, or null for a value that is not a hex digest.
   */
  static String hashAlgorithm(String algorithm, String value) {
    if (algorithm == null || value == null || !value.matches("[0-9A-Fa-f]{8,1024}")) {
      return null;
    }
    String upper = algorithm.strip().toUpperCase(Locale.ROOT);
    if (upper.matches("SHA\\d+")) {
      return "SHA-" + upper.substring(3);
    }
    if (upper.matches("SHA3\\d+")) {
      return "SHA3-" + upper.substring(4);
    }
    return upper;
  }

  /** A package being read, before the dependency graph is resolved. */
  static final class Draft {
    final String name;
    final String version;
    PackageURL purl;
    final List<String> licenses = new ArrayList<>();
    String sourceName;
    String sourceVersion;
    String evidencePath;
    final Map<String, String> hashes = new LinkedHashMap<>();
    Digest layer;
    Digest changedLayer;
    final Set<Draft> dependsOn = new LinkedHashSet<>();

    Draft(String name, String version) {
      this.name = name;
      this.version = version;
    }

    String type() {
      return purl == null ? UNKNOWN_TYPE : purl.getType();
    }

    void addLicense(String text) {
      if (text != null && !text.isBlank() && !licenses.contains(text.strip())) {
        licenses.add(text.strip());
      }
    }

    /** Sets the source package; a source version equal to the package version is left out. */
    void setSource(String name, String version) {
      if (name == null || name.isBlank()) {
        return;
      }
      sourceName = name.strip();
      sourceVersion = version == null || version.isBlank() || version.equals(this.version) ? null : version.strip();
    }

    /** Sets the evidence path, relative to the image root like the paths our catalogers record. */
    void setEvidencePath(String path) {
      if (path == null || path.isBlank() || evidencePath != null) {
        return;
      }
      String relative = path.strip();
      while (relative.startsWith("/")) {
        relative = relative.substring(1);
      }
      evidencePath = relative.isEmpty() ? null : relative;
    }

    Package toPackage(List<String> dependencies) {
      String architecture = null;
      String canonical = null;
      if (purl != null) {
        canonical = purl.canonicalize();
        Map<String, String> qualifiers = purl.getQualifiers();
        architecture = qualifiers == null ? null : qualifiers.get("arch");
      }
      return new Package(name, version, type(), canonical, licenses, sourceName, sourceVersion, architecture,
          evidencePath, dependencies, hashes);
    }
  }
}
