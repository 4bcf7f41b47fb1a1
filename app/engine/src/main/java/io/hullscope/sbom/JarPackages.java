package io.hullscope.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which packages one Java archive declares, from its {@code pom.properties} files, its
 * manifest and its file name.
 *
 * <p>The archive's main package is its own pom.properties. Among several (a shaded jar) it is the one
 * whose artifact id matches the file name or the manifest's title or symbolic name. A single one is
 * the main package too, unless the file name carries a version and neither the artifact id nor the
 * version match it: opentelemetry-sdk-trace-1.59.0.jar contains only the pom.properties of the
 * jctools-core it bundles.
 *
 * <p>The main package gets the manifest's licenses and the archive's SHA-1, which equals the checksum
 * Maven Central publishes when the file is the published artifact. Every other pom.properties is a package bundled into the
 * archive and gets neither, with its entry as evidence: {@code app.jar!/META-INF/maven/g/a/pom.properties}.
 *
 * <p>Without a matching pom.properties the archive's own package comes from the manifest and the
 * file name. Their group id is never guessed: {@code Implementation-Vendor-Id} matched the group id
 * in only 138 of the 177 jars of a local Maven repository that set it, and {@code Bundle-SymbolicName} or
 * {@code Automatic-Module-Name} are Java names, not group ids. A Maven package URL needs a group id,
 * so such a package has no purl and is identified by its name, version and SHA-1 instead. It also
 * needs a version: an archive without any version (a renamed {@code app.jar} with a bare manifest)
 * gives no package of its own.
 */
final class JarPackages {

  static final String TYPE = "maven";

  private JarPackages() {}

  /**
   * Returns the packages of one archive, the main package first.
   *
   * @param archivePath evidence path of the archive, for example {@code app.war!/WEB-INF/lib/x.jar}
   * @param manifest the parsed manifest, or null when absent or invalid
   * @param sha1 lower-case hex SHA-1 of the archive's bytes, or null when it is not known
   */
  static List<Package> of(String archivePath, JarManifest manifest, List<MavenPomProperties> poms, String sha1) {
    JarFileName fileName = JarFileName.of(archivePath);
    Map<String, String> hashes = sha1 == null ? Map.of() : Map.of("SHA-1", sha1);
    List<String> licenses = manifest == null ? List.of() : manifest.licenses();

    MavenPomProperties main = mainPom(poms, fileName, manifest);
    List<Package> packages = new ArrayList<>();
    if (main != null) {
      String classifier = classifierOf(main, fileName);
      packages.add(pomPackage(main, classifier, licenses, archivePath, hashes));
    } else {
      Package own = fromManifestAndName(fileName, manifest, licenses, archivePath, hashes);
      if (own != null) {
        packages.add(own);
      }
    }
    for (MavenPomProperties pom : poms) {
      if (pom != main) {
        packages.add(pomPackage(pom, null, List.of(), archivePath + "!/" + pom.entryName(), Map.of()));
      }
    }
    return packages;
  }

  private static MavenPomProperties mainPom(List<MavenPomProperties> poms, JarFileName fileName, JarManifest manifest) {
    if (poms.size() == 1) {
      MavenPomProperties only = poms.get(0);
      boolean contradicted = fileName.version() != null && !only.artifactId().equals(fileName.artifactId())
          && !only.version().equals(fileName.version());
      if (!contradicted) {
        return only;
      }
    }
    for (MavenPomProperties pom : poms) {
      if (pom.artifactId().equals(fileName.artifactId())
          && (fileName.version() == null || pom.version().equals(fileName.version()))) {
        return pom;
      }
    }
    if (manifest == null) {
      return null;
    }
    for (MavenPomProperties pom : poms) {
      String artifactId = pom.artifactId();
      if (artifactId.equals(manifest.implementationTitle()) || artifactId.equals(manifest.bundleSymbolicName())
          || (pom.groupId() + "." + artifactId).equals(manifest.bundleSymbolicName())) {
        return pom;
      }
    }
    return null;
  }

  /** Returns the file name's classifier when the file is exactly ARTIFACT-VERSION-CLASSIFIER of this pom. */
  private static String classifierOf(MavenPomProperties pom, JarFileName fileName) {
    if (fileName.classifier() != null && pom.artifactId().equals(fileName.artifactId())
        && pom.version().equals(fileName.version())) {
      return fileName.classifier();
    }
    return null;
  }

  private static Package pomPackage(
      MavenPomProperties pom, String classifier, List<String> licenses, String evidencePath, Map<String, String> hashes) {
    Map<String, String> qualifiers = classifier == null ? Map.of() : Map.of("classifier", classifier);
    String purl = PackageUrls.of(TYPE, pom.groupId(), pom.artifactId(), pom.version(), qualifiers);
    return new Package(pom.artifactId(), pom.version(), TYPE, purl, licenses, null, null, null, evidencePath, List.of(),
        hashes);
  }

  /**
   * Builds the archive's own package from the file name and manifest, or returns null without a
   * version. A versioned file name comes first, because jars in {@code WEB-INF/lib}, {@code
   * BOOT-INF/lib} and Maven repositories keep their Maven names, while manifests are less exact.
   * We compared the manifests of 1,062 jars in a local Maven repository with their Maven versions.
   * Implementation-Version matched in 95% of the jars that set it (Kotlin adds build numbers such as
   * {@code 2.1.0-release-394}), Bundle-Version in 84% (OSGi adds qualifiers) and
   * Specification-Version in 45%. Manifest titles are often prose ("Apache Commons Compress"), so
   * they name the package only when they are one word.
   */
  private static Package fromManifestAndName(
      JarFileName fileName, JarManifest manifest, List<String> licenses, String evidencePath, Map<String, String> hashes) {
    String version = fileName.version();
    if (version == null && manifest != null) {
      version = firstToken(manifest.implementationVersion());
      if (version == null) {
        version = firstToken(manifest.bundleVersion());
      }
      if (version == null) {
        version = firstToken(manifest.specificationVersion());
      }
    }
    if (version == null) {
      return null;
    }
    String name = fileName.version() != null ? fileName.artifactId() : null;
    if (name == null && manifest != null) {
      name = singleToken(manifest.implementationTitle());
      if (name == null) {
        name = manifest.bundleSymbolicName();
      }
      if (name == null) {
        name = singleToken(manifest.specificationTitle());
      }
    }
    if (name == null) {
      name = fileName.artifactId();
    }
    return new Package(name, version, TYPE, null, licenses, null, null, null, evidencePath, List.of(), hashes);
  }

  /** Returns the first word of a version such as {@code 5.13.0 (b0)}, or null for null or blank text. */
  private static String firstToken(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return text.strip().split("\\s+", 2)[0];
  }

  private static String singleToken(String text) {
    return text == null || text.chars().anyMatch(Character::isWhitespace) ? null : text;
  }
}
