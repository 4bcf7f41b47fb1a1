package io.hullscope.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides when two packages from different SBOMs are the same package, and normalizes versions
 * so that notations that differ only in form compare equal.
 *
 * <p>Identity is the purl type, namespace and name, and qualifiers are ignored. OS packages (deb,
 * rpm, apk) are matched by name and, when both sides have it, {@code arch}, without the namespace.
 * Names are compared per type: pypi folds case and runs of {@code -_.} (PEP 503), and deb and apk
 * fold case because their purl type definitions mark names case-insensitive. All other types,
 * including npm, maven and rpm, compare exactly. A package without a purl is matched by type and
 * name, and one whose type is unknown ({@code generic}) by name alone.
 */
final class SbomComparisonKeys {

  private static final Set<String> OS_TYPES = Set.of("deb", "rpm", "apk");
  private static final Set<String> CASE_FOLDED_TYPES = Set.of("deb", "apk", "pypi");
  private static final Pattern PYPI_SEPARATORS = Pattern.compile("[-_.]+");
  private static final Pattern EPOCH = Pattern.compile("(\\d+):(.*)");

  private SbomComparisonKeys() {}

  /**
   * The identity of one package.
   *
   * @param type purl type, {@code generic} when unknown
   * @param namespace purl namespace; null when absent
   * @param name name normalized for its type
   * @param architecture architecture of an OS package; null when absent or not an OS package
   * @param hasPurl whether the package has a purl; without one its type is only a guess
   */
  record Identity(String type, String namespace, String name, String architecture, boolean hasPurl) {

    /** Returns whether the two identities name the same package. */
    boolean matches(Identity other) {
      boolean typeUnknown = isUnknownType() || other.isUnknownType();
      if (!typeUnknown && !type.equals(other.type)) {
        return false;
      }
      String knownType = isUnknownType() ? other.type : type;
      if (!normalizeName(knownType, name).equals(normalizeName(knownType, other.name))) {
        return false;
      }
      // An OS package's namespace is the distro or vendor, which tools spell differently (rhel
      // or redhat), and an image has one OS, so only other types compare namespaces.
      if (hasPurl && other.hasPurl && !OS_TYPES.contains(type) && !Objects.equals(namespace, other.namespace)) {
        return false;
      }
      return architecture == null || other.architecture == null || architecture.equals(other.architecture);
    }

    /** Returns a key that equal identities share, so that candidates can be found by lookup. */
    String bucket() {
      return PYPI_SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
    }

    private boolean isUnknownType() {
      return !hasPurl && SbomImportContext.UNKNOWN_TYPE.equals(type);
    }
  }

  /** Returns the identity of a package, read from its purl when it has a valid one. */
  static Identity identity(Package pkg) {
    PackageURL purl = parse(pkg.purl());
    if (purl == null) {
      String type = pkg.type() == null ? SbomImportContext.UNKNOWN_TYPE : pkg.type();
      String architecture = OS_TYPES.contains(type) ? pkg.architecture() : null;
      return new Identity(type, null, normalizeName(type, pkg.name()), architecture, false);
    }
    String type = purl.getType();
    String architecture = null;
    if (OS_TYPES.contains(type)) {
      Map<String, String> qualifiers = purl.getQualifiers();
      architecture = qualifiers == null ? pkg.architecture() : qualifiers.getOrDefault("arch", pkg.architecture());
    }
    return new Identity(type, purl.getNamespace(), normalizeName(type, purl.getName()), architecture, true);
  }

  /** Returns a package's version normalized for comparison, see {@link #effectiveVersion(String, String, PackageURL)}. */
  static String effectiveVersion(Package pkg) {
    return effectiveVersion(pkg.type(), pkg.version(), parse(pkg.purl()));
  }

  /**
   * Returns a version normalized for comparison. For rpm and deb, an {@code epoch} qualifier of
   * the purl is put in front of a version that has none, as in {@code 1:1.0.2k-16.el7}, and an
   * epoch of 0 is dropped, because both package managers treat it as no epoch. Other versions are
   * only stripped of surrounding blanks; null becomes the empty string.
   */
  static String effectiveVersion(String type, String version, PackageURL purl) {
    if (version == null) {
      return "";
    }
    String normalized = version.strip();
    if (!"rpm".equals(type) && !"deb".equals(type)) {
      return normalized;
    }
    var epoch = EPOCH.matcher(normalized);
    if (!epoch.matches() && purl != null && purl.getQualifiers() != null) {
      String qualifier = purl.getQualifiers().get("epoch");
      if (qualifier != null && qualifier.matches("\\d+")) {
        normalized = qualifier + ":" + normalized;
        epoch = EPOCH.matcher(normalized);
      }
    }
    if (epoch.matches() && epoch.group(1).chars().allMatch(digit -> digit == '0')) {
      return epoch.group(2);
    }
    return normalized;
  }

  /** Returns a name as it compares for a purl type. */
  static String normalizeName(String type, String name) {
    if (name == null) {
      return "";
    }
    if (!CASE_FOLDED_TYPES.contains(type)) {
      return name;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return "pypi".equals(type) ? PYPI_SEPARATORS.matcher(lower).replaceAll("-") : lower;
  }

  private static PackageURL parse(String purl) {
    if (purl == null || purl.isBlank()) {
      return null;
    }
    try {
      return new PackageURL(purl);
    } catch (MalformedPackageURLException | IllegalArgumentException e) {
      // Our own catalogers only write valid purls and the importer drops invalid ones, so a
      // purl that does not parse here is compared by type and name like a missing one.
      return null;
    }
  }
}
