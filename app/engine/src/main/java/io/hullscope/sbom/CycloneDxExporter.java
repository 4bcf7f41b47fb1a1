package io.hullscope.sbom;

import io.hullscope.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.util.LicenseResolver;

/**
 * Exports the OS packages of an image as a CycloneDX 1.6 BOM (https://cyclonedx.org/docs/1.6/).
 *
 * <p>The image is the metadata component (type {@code container}), the distro a component of
 * type {@code operating-system}, and every package a component of type {@code library} whose
 * {@code bom-ref} is its purl; a second package with the same purl gets {@code <purl>|2}, and so
 * on. Components and dependencies are sorted, and the serial number derives from the image and
 * the timestamp, so the same input gives the same bytes.
 */
public final class CycloneDxExporter {

  /** The CycloneDX version written. */
  public static final Version SPEC_VERSION = Version.VERSION_16;

  /** Tool name written to the BOM metadata. */
  public static final String TOOL_NAME = "Hullscope";

  /**
   * Tool version written to the BOM metadata.
   *
   * <p>NOTE: copied by hand from {@code app.version} of the parent POM, not filtered from it, so
   * a release that changes one without the other writes a wrong tool version.
   */
  public static final String TOOL_VERSION = "0.1.0";

  /** Property naming the package database file a package was read from. */
  public static final String EVIDENCE_PROPERTY = "hullscope:package:evidence";

  /** Property naming the source package, as {@code name} or {@code name@version}. */
  public static final String SOURCE_PROPERTY = "hullscope:package:source";

  /** Property with the diff id of the layer that added the package. */
  public static final String ADDED_LAYER_PROPERTY = "hullscope:layer:added";

  /** Property with the diff id of the layer that last changed the package's version. */
  public static final String CHANGED_LAYER_PROPERTY = "hullscope:layer:changed";

  private static final Comparator<Package> ORDER =
      Comparator.comparing(CycloneDxExporter::purlOrName)
          .thenComparing(Package::evidencePath, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Package::name)
          .thenComparing(Package::version, Comparator.nullsFirst(Comparator.naturalOrder()));

  private CycloneDxExporter() {}

  /**
   * Builds the BOM of an image from packages without layer information.
   *
   * @param subject the image
   * @param distro the image's distro; null when unknown
   * @param packages the image's packages, in any order
   * @param timestamp the time written to the metadata
   */
  public static Bom toBom(SbomSubject subject, Distro distro, List<Package> packages, Instant timestamp) {
    return toBom(new ImageSbom(subject, distro, packages.stream().map(ImagePackage::withoutLayers).toList(),
        List.of(), List.of(), TOOL_NAME + " " + TOOL_VERSION), timestamp);
  }

  /**
   * Builds the BOM of an image: the image as metadata component, the distro and every package as
   * components with their layers as properties, and the dependency graph.
   *
   * @param timestamp the time written to the metadata
   */
  public static Bom toBom(ImageSbom sbom, Instant timestamp) {
    if (sbom.subject() == null) {
      throw new IllegalArgumentException("an SBOM without an image digest cannot be exported");
    }
    Component image = imageComponent(sbom.subject());
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + serialNumber(image.getBomRef(), timestamp));
    bom.setMetadata(metadata(image, timestamp));

    List<Component> components = new ArrayList<>();
    Component os = distroComponent(sbom.distro());
    if (os != null) {
      components.add(os);
    }
    List<ImagePackage> sorted = sbom.packages().stream()
        .sorted(Comparator.comparing(ImagePackage::pkg, ORDER)).toList();
    Map<String, List<String>> refsByName = new TreeMap<>();
    List<String> refs = new ArrayList<>();
    Set<String> used = new HashSet<>();
    used.add(image.getBomRef());
    if (os != null) {
      used.add(os.getBomRef());
    }
    for (ImagePackage found : sorted) {
      Package pkg = found.pkg();
      String ref = uniqueRef(purlOrName(pkg), used);
      refs.add(ref);
      refsByName.computeIfAbsent(typeAndName(pkg.type(), pkg.name()), name -> new ArrayList<>()).add(ref);
      components.add(packageComponent(found, sbom.layers(), ref));
    }
    bom.setComponents(components);
    bom.setDependencies(dependencies(image, os, sorted.stream().map(ImagePackage::pkg).toList(), refs, refsByName));
    return bom;
  }

  /** Writes the BOM of an image as CycloneDX 1.6 JSON. */
  public static String toJson(SbomSubject subject, Distro distro, List<Package> packages, Instant timestamp)
      throws IOException {
    return toJson(toBom(subject, distro, packages, timestamp), subject);
  }

  /** Writes the BOM of an image as CycloneDX 1.6 JSON. */
  public static String toJson(ImageSbom sbom, Instant timestamp) throws IOException {
    return toJson(toBom(sbom, timestamp), sbom.subject());
  }

  private static String toJson(Bom bom, SbomSubject subject) throws IOException {
    try {
      return BomGeneratorFactory.createJson(SPEC_VERSION, bom).toJsonString();
    } catch (GeneratorException e) {
      throw new IOException(
          "failed to write the CycloneDX JSON of image " + subject.displayName() + ": " + e.getMessage() + "; report this as a bug", e);
    }
  }

  /** Writes the BOM of an image as CycloneDX 1.6 XML. */
  public static String toXml(SbomSubject subject, Distro distro, List<Package> packages, Instant timestamp)
      throws IOException {
    return toXml(toBom(subject, distro, packages, timestamp), subject);
  }

  /** Writes the BOM of an image as CycloneDX 1.6 XML. */
  public static String toXml(ImageSbom sbom, Instant timestamp) throws IOException {
    return toXml(toBom(sbom, timestamp), sbom.subject());
  }

  private static String toXml(Bom bom, SbomSubject subject) throws IOException {
    try {
      return BomGeneratorFactory.createXml(SPEC_VERSION, bom).toXmlString();
    } catch (GeneratorException e) {
      throw new IOException(
          "failed to write the CycloneDX XML of image " + subject.displayName() + ": " + e.getMessage() + "; report this as a bug", e);
    }
  }

  private static Metadata metadata(Component image, Instant timestamp) {
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName(TOOL_NAME);
    tool.setVersion(TOOL_VERSION);
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));

    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(timestamp));
    metadata.setToolChoice(tools);
    metadata.setComponent(image);
    return metadata;
  }

  private static Component imageComponent(SbomSubject subject) {
    String purl = subject.purl();
    Component image = new Component();
    image.setType(Component.Type.CONTAINER);
    image.setBomRef(purl);
    image.setName(subject.displayName());
    image.setVersion(subject.displayVersion());
    image.setPurl(purl);
    if (subject.platform() != null) {
      image.setProperties(List.of(new Property("hullscope:image:platform", subject.platform().toString())));
    }
    return image;
  }

  private static Component distroComponent(Distro distro) {
    if (distro == null || distro.id() == null || distro.id().isEmpty()) {
      return null;
    }
    Component os = new Component();
    os.setType(Component.Type.OPERATING_SYSTEM);
    os.setBomRef("os:" + distro.id() + (distro.versionId() == null ? "" : "@" + distro.versionId()));
    os.setName(distro.id());
    os.setVersion(distro.versionId());
    os.setDescription(distro.prettyName());
    return os;
  }

  private static Component packageComponent(ImagePackage found, List<Digest> layers, String ref) {
    Package pkg = found.pkg();
    Component component = new Component();
    component.setType(Component.Type.LIBRARY);
    component.setBomRef(ref);
    component.setName(pkg.name());
    component.setVersion(pkg.version());
    if (pkg.purl() != null) {
      component.setPurl(pkg.purl());
    }
    LicenseChoice licenses = licenses(pkg.licenses());
    if (licenses != null) {
      component.setLicenses(licenses);
    }
    List<Property> properties = new ArrayList<>();
    if (pkg.evidencePath() != null) {
      properties.add(new Property(EVIDENCE_PROPERTY, pkg.evidencePath()));
    }
    if (pkg.sourceName() != null) {
      String source = pkg.sourceVersion() == null ? pkg.sourceName() : pkg.sourceName() + "@" + pkg.sourceVersion();
      properties.add(new Property(SOURCE_PROPERTY, source));
    }
    if (found.addedLayer() >= 0 && found.addedLayer() < layers.size() && layers.get(found.addedLayer()) != null) {
      properties.add(new Property(ADDED_LAYER_PROPERTY, layers.get(found.addedLayer()).toString()));
    }
    if (found.changedLayer() >= 0 && found.changedLayer() < layers.size() && layers.get(found.changedLayer()) != null) {
      properties.add(new Property(CHANGED_LAYER_PROPERTY, layers.get(found.changedLayer()).toString()));
    }
    List<Hash> hashes = new ArrayList<>();
    new TreeMap<>(pkg.hashes()).forEach((algorithm, value) -> {
      Hash.Algorithm known = Hash.Algorithm.fromSpec(algorithm);
      if (known != null) {
        hashes.add(new Hash(known, value));
      }
    });
    if (!hashes.isEmpty()) {
      component.setHashes(hashes);
    }
    if (!properties.isEmpty()) {
      component.setProperties(properties);
    }
    return component;
  }

  /**
   * Returns one license per recorded text: an SPDX id when the library resolves the text to one
   * (which also maps common names such as {@code Apache 2.0}), otherwise the text as a name.
   * Expressions such as {@code MIT AND BSD-3-Clause} stay names, because a CycloneDX license
   * choice holds either licenses or one expression, not both.
   */
  private static LicenseChoice licenses(List<String> texts) {
    Set<String> seen = new TreeSet<>();
    List<License> licenses = new ArrayList<>();
    for (String text : texts) {
      if (text == null || text.isBlank() || !seen.add(text.strip())) {
        continue;
      }
      License license = new License();
      String id = spdxId(text.strip());
      if (id != null) {
        license.setId(id);
      } else {
        license.setName(text.strip());
      }
      licenses.add(license);
    }
    if (licenses.isEmpty()) {
      return null;
    }
    LicenseChoice choice = new LicenseChoice();
    choice.setLicenses(licenses);
    return choice;
  }

  private static String spdxId(String text) {
    LicenseChoice resolved = LicenseResolver.resolve(text, false);
    if (resolved == null || resolved.getLicenses() == null || resolved.getLicenses().size() != 1) {
      return null;
    }
    return resolved.getLicenses().get(0).getId();
  }

  private static List<Dependency> dependencies(
      Component image, Component os, List<Package> sorted, List<String> refs, Map<String, List<String>> refsByName) {
    Map<String, Set<String>> graph = new LinkedHashMap<>();
    Set<String> imageParts = new TreeSet<>(refs);
    if (os != null) {
      imageParts.add(os.getBomRef());
    }
    graph.put(image.getBomRef(), imageParts);
    for (int i = 0; i < sorted.size(); i++) {
      String ref = refs.get(i);
      Set<String> targets = new TreeSet<>();
      for (String name : sorted.get(i).dependencies()) {
        // Names without a package in the image are skipped. NOTE: this includes virtual
        // packages that another package provides, because Package does not record Provides.
        for (String target : refsByName.getOrDefault(typeAndName(sorted.get(i).type(), name), List.of())) {
          if (!target.equals(ref)) {
            targets.add(target);
          }
        }
      }
      graph.put(ref, targets);
    }
    List<Dependency> dependencies = new ArrayList<>();
    new TreeMap<>(graph)
        .forEach(
            (ref, targets) -> {
              Dependency dependency = new Dependency(ref);
              for (String target : targets) {
                dependency.addDependency(new Dependency(target));
              }
              dependencies.add(dependency);
            });
    return dependencies;
  }

  private static String typeAndName(String type, String name) {
    return type + "/" + name;
  }

  private static String uniqueRef(String base, Set<String> used) {
    String ref = base;
    for (int n = 2; !used.add(ref); n++) {
      ref = base + "|" + n;
    }
    return ref;
  }

  private static String purlOrName(Package pkg) {
    return pkg.purl() != null ? pkg.purl() : "package:" + pkg.name() + "@" + Objects.toString(pkg.version(), "");
  }

  private static UUID serialNumber(String imageRef, Instant timestamp) {
    return UUID.nameUUIDFromBytes((imageRef + "\n" + timestamp).getBytes(StandardCharsets.UTF_8));
  }
}
