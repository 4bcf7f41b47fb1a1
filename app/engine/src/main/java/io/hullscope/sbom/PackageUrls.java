package io.hullscope.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds canonical package URLs (https://github.com/package-url/purl-spec) for OS packages, for
 * example {@code pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12}.
 */
public final class PackageUrls {

  private PackageUrls() {}

  /**
   * Returns the purl of an OS package. The namespace is the distro id when known, otherwise
   * {@code defaultNamespace}.
   */
  static String osPackage(
      String type, String defaultNamespace, String name, String version, String architecture, Distro distro) {
    String namespace = distro != null && distro.id() != null ? distro.id() : defaultNamespace;
    TreeMap<String, String> qualifiers = new TreeMap<>();
    if (architecture != null && !architecture.isEmpty()) {
      qualifiers.put("arch", architecture);
    }
    String distroQualifier = distro == null ? null : distro.purlQualifier();
    if (distroQualifier != null) {
      qualifiers.put("distro", distroQualifier);
    }
    try {
      return new PackageURL(type, namespace, name, version, qualifiers, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(
          "invalid package URL for " + type + " package '" + name + "' version '" + version + "': " + e.getMessage(), e);
    }
  }

  /**
   * Returns the purl of an RPM package: the namespace is the distro id when known, otherwise
   * {@code vendorNamespace} (may be null); the epoch becomes a qualifier.
   */
  static String rpmPackage(
      String vendorNamespace, String name, String versionRelease, String architecture, Integer epoch, Distro distro) {
    String namespace = distro != null && distro.id() != null ? distro.id() : vendorNamespace;
    TreeMap<String, String> qualifiers = new TreeMap<>();
    if (architecture != null && !architecture.isEmpty()) {
      qualifiers.put("arch", architecture);
    }
    if (epoch != null) {
      qualifiers.put("epoch", epoch.toString());
    }
    String distroQualifier = distro == null ? null : distro.purlQualifier();
    if (distroQualifier != null) {
      qualifiers.put("distro", distroQualifier);
    }
    try {
      return new PackageURL("rpm", namespace == null || namespace.isEmpty() ? null : namespace, name,
          versionRelease, qualifiers, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(
          "invalid package URL for rpm package '" + name + "' version '" + versionRelease + "': " + e.getMessage(), e);
    }
  }

  /** Returns the purl of a Python package, {@code pkg:pypi/NAME@VERSION}; the name must be normalized. */
  static String pypiPackage(String normalizedName, String version) {
    try {
      return new PackageURL("pypi", null, normalizedName, version, null, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(
          "invalid package URL for pypi package '" + normalizedName + "' version '" + version + "': " + e.getMessage(), e);
    }
  }

  /**
   * Returns the canonical purl of a package of any type, for example {@code pkg:npm/%40babel/core@7.24.0}.
   *
   * @param namespace may be null
   * @param qualifiers may be null or empty; null values are left out
   * @throws IllegalArgumentException naming the package when the parts do not form a valid purl
   */
  static String of(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (qualifiers != null) {
      qualifiers.forEach((key, value) -> {
        if (value != null && !value.isEmpty()) {
          sorted.put(key, value);
        }
      });
    }
    try {
      return new PackageURL(type, namespace == null || namespace.isEmpty() ? null : namespace, name,
          version == null || version.isEmpty() ? null : version, sorted, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(
          "invalid package URL for " + type + " package '" + name + "' version '" + version + "': " + e.getMessage(), e);
    }
  }

  private static final Set<String> OS_TYPES = Set.of("deb", "apk", "rpm");

  /**
   * Returns the purl of an OS package ({@code deb}, {@code apk}, {@code rpm}) with the image's
   * distro as namespace and {@code distro} qualifier; returns other purls, and all purls when the
   * distro is unknown, unchanged. Returns null for a package that has no purl (null).
   */
  public static String withDistro(String purl, Distro distro) {
    if (purl == null || distro == null || distro.id() == null || distro.id().isEmpty()) {
      return purl;
    }
    try {
      PackageURL parsed = new PackageURL(purl);
      if (!OS_TYPES.contains(parsed.getType())) {
        return purl;
      }
      TreeMap<String, String> qualifiers = new TreeMap<>();
      if (parsed.getQualifiers() != null) {
        qualifiers.putAll(parsed.getQualifiers());
      }
      String distroQualifier = distro.purlQualifier();
      if (distroQualifier != null) {
        qualifiers.put("distro", distroQualifier);
      }
      return new PackageURL(parsed.getType(), distro.id(), parsed.getName(), parsed.getVersion(), qualifiers,
          parsed.getSubpath()).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException("invalid package URL '" + purl + "': " + e.getMessage(), e);
    }
  }
}
