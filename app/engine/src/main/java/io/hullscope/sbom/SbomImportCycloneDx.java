package io.hullscope.sbom;

import com.github.packageurl.PackageURL;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Platform;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.Service;
import org.cyclonedx.model.Tool;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/**
 * Maps a CycloneDX BOM (https://cyclonedx.org/docs/1.6/json/) to packages.
 *
 * <p>Components of type {@code library}, {@code framework} and {@code application} (also nested
 * ones) are packages, and so are components without a type; the others, such as the image
 * ({@code container}), the distro ({@code operating-system}) and {@code file}, are counted as
 * skipped, as are Trivy's groups of results (see {@link #isTrivyResultGroup}). Tool properties fill what CycloneDX
 * has no field for: the evidence path from syft's {@code syft:location:0:path} or Trivy's {@code
 * aquasecurity:trivy:FilePath}, the source package from Trivy's {@code SrcName}/{@code SrcVersion}
 * and from our own {@code hullscope:package:source}, the layer from our {@code hullscope:layer:*}
 * properties, Trivy's {@code aquasecurity:trivy:LayerDiffID} or syft's {@code
 * syft:location:0:layerID}.
 *
 * <p>NOTE: cyclonedx-core-java 12.2.0 has no model for CycloneDX 1.7, so a 1.7 document is read
 * with the library's 1.6 model, which ignores what 1.7 added. Every field this class reads
 * already exists in 1.6.
 */
final class SbomImportCycloneDx {

  private static final Set<String> SUPPORTED_JSON_VERSIONS = Set.of("1.2", "1.3", "1.4", "1.5", "1.6", "1.7");
  private static final Set<Component.Type> PACKAGE_TYPES =
      Set.of(Component.Type.LIBRARY, Component.Type.FRAMEWORK, Component.Type.APPLICATION);

  private static final String TRIVY = "aquasecurity:trivy:";

  private SbomImportCycloneDx() {}

  /**
   * Reads a CycloneDX JSON document.
   *
   * @param version the top-level {@code specVersion}; null when it is absent or not a string
   */
  static SbomImport readJson(String name, byte[] content, String version, SbomImportContext context)
      throws SbomImportException {
    if (version == null || !SUPPORTED_JSON_VERSIONS.contains(version)) {
      throw new SbomImportException("failed to import SBOM " + name + ": CycloneDX JSON version '"
          + SbomImportContext.abbreviate(String.valueOf(version)) + "' is not supported; versions 1.2 to 1.7 are");
    }
    Bom bom;
    try {
      bom = new JsonParser().parse(content);
    } catch (ParseException | RuntimeException e) {
      throw parseFailure(name, "JSON", e);
    }
    return map(bom, "CycloneDX " + version + " JSON", context);
  }

  static SbomImport readXml(String name, byte[] content, String version, SbomImportContext context)
      throws SbomImportException {
    Bom bom;
    try {
      bom = new XmlParser().parse(content);
    } catch (ParseException | RuntimeException e) {
      throw parseFailure(name, "XML", e);
    }
    return map(bom, "CycloneDX " + version + " XML", context);
  }

  private static SbomImportException parseFailure(String name, String format, Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int newline = message.indexOf('\n');
    return new SbomImportException("failed to import SBOM " + name + ": invalid CycloneDX " + format + ": "
        + (newline < 0 ? message : message.substring(0, newline)), e);
  }

  private static SbomImport map(Bom bom, String format, SbomImportContext context) {
    Metadata metadata = bom.getMetadata();
    Component subjectComponent = metadata == null ? null : metadata.getComponent();
    if (subjectComponent != null) {
      context.skip(kind(subjectComponent));
    }

    Map<String, SbomImportContext.Draft> byRef = new HashMap<>();
    Distro distro = null;
    Deque<Component> pending = new ArrayDeque<>();
    if (bom.getComponents() != null) {
      pending.addAll(bom.getComponents());
    }
    while (!pending.isEmpty()) {
      Component component = pending.removeFirst();
      if (component == null) {
        continue;
      }
      if (component.getComponents() != null) {
        pending.addAll(component.getComponents());
      }
      if (component.getType() == Component.Type.OPERATING_SYSTEM && distro == null) {
        distro = distro(component);
      }
      if (component.getType() != null && !PACKAGE_TYPES.contains(component.getType())) {
        context.skip(kind(component));
        continue;
      }
      if (isTrivyResultGroup(component)) {
        context.skip("result-group");
        continue;
      }
      SbomImportContext.Draft draft = packageDraft(component, context);
      if (draft != null && component.getBomRef() != null) {
        SbomImportContext.Draft earlier = byRef.putIfAbsent(component.getBomRef(), draft);
        if (earlier != null) {
          context.warn("bom-ref '" + SbomImportContext.abbreviate(component.getBomRef()) + "' is used by more than one"
              + " component; dependencies naming it are attributed to the first, " + earlier.name);
        }
      }
    }
    addDependencies(bom.getDependencies(), byRef, context);

    return context.result(subject(subjectComponent, context), distro, tool(metadata), format);
  }

  private static SbomImportContext.Draft packageDraft(Component component, SbomImportContext context) {
    String described = "component '" + SbomImportContext.abbreviate(String.valueOf(component.getName())) + "'";
    SbomImportContext.Draft draft =
        context.addDraft(described, component.getName(), component.getVersion(), component.getPurl());
    if (draft == null) {
      return null;
    }
    context.checkPurlVersion(described, draft);
    addLicenses(draft, component.getLicenses());
    if (component.getHashes() != null) {
      for (Hash hash : component.getHashes()) {
        String algorithm = SbomImportContext.hashAlgorithm(hash.getAlgorithm(), hash.getValue());
        if (algorithm != null) {
          draft.hashes.putIfAbsent(algorithm, hash.getValue().toLowerCase(Locale.ROOT));
        }
      }
    }
    Map<String, String> properties = properties(component);
    draft.setEvidencePath(properties.get(CycloneDxExporter.EVIDENCE_PROPERTY));
    draft.setEvidencePath(properties.get("syft:location:0:path"));
    draft.setEvidencePath(properties.get(TRIVY + "FilePath"));
    setSource(draft, properties);
    String layer = properties.get(CycloneDxExporter.ADDED_LAYER_PROPERTY);
    if (layer == null) {
      layer = properties.getOrDefault(TRIVY + "LayerDiffID", properties.get("syft:location:0:layerID"));
    }
    draft.layer = context.parseLayer(described, layer);
    draft.changedLayer = context.parseLayer(described, properties.get(CycloneDxExporter.CHANGED_LAYER_PROPERTY));
    return draft;
  }

  private static void addLicenses(SbomImportContext.Draft draft, LicenseChoice choice) {
    if (choice == null) {
      return;
    }
    if (choice.getLicenses() != null) {
      for (License license : choice.getLicenses()) {
        draft.addLicense(license.getId() != null ? license.getId() : license.getName());
      }
    }
    if (choice.getExpression() != null) {
      draft.addLicense(choice.getExpression().getValue());
    }
  }

  /**
   * Sets the source package from Trivy's properties or our own. Trivy splits an rpm source version
   * into {@code SrcVersion} and {@code SrcRelease}; they are joined as {@code version-release},
   * without {@code SrcEpoch}, as our rpm reader records source versions from the source rpm's file
   * name, which has no epoch.
   */
  private static void setSource(SbomImportContext.Draft draft, Map<String, String> properties) {
    String trivyName = properties.get(TRIVY + "SrcName");
    if (trivyName != null) {
      String version = properties.get(TRIVY + "SrcVersion");
      String release = properties.get(TRIVY + "SrcRelease");
      if (version != null && release != null && !release.isBlank()) {
        version = version + "-" + release;
      }
      String epoch = properties.get(TRIVY + "SrcEpoch");
      if (version != null && epoch != null && !"rpm".equals(draft.type()) && !"0".equals(epoch)) {
        version = epoch + ":" + version;
      }
      draft.setSource(trivyName, version);
      return;
    }
    String ours = properties.get(CycloneDxExporter.SOURCE_PROPERTY);
    if (ours != null) {
      int at = ours.indexOf('@');
      draft.setSource(at < 0 ? ours : ours.substring(0, at), at < 0 ? null : ours.substring(at + 1));
    }
  }

  private static void addDependencies(
      List<Dependency> dependencies, Map<String, SbomImportContext.Draft> byRef, SbomImportContext context) {
    if (dependencies == null) {
      return;
    }
    for (Dependency dependency : dependencies) {
      SbomImportContext.Draft from = dependency == null ? null : byRef.get(dependency.getRef());
      if (from == null || dependency.getDependencies() == null) {
        // Edges from the image, the distro or unknown refs are not dependencies between packages.
        continue;
      }
      for (Dependency target : dependency.getDependencies()) {
        SbomImportContext.Draft to = target == null ? null : byRef.get(target.getRef());
        if (to != null) {
          from.dependsOn.add(to);
        } else if (target != null) {
          context.warn("dependency of '" + from.name + "' on '" + SbomImportContext.abbreviate(String.valueOf(target.getRef()))
              + "' names no package component and was left out");
        }
      }
    }
  }

  private static Distro distro(Component component) {
    Map<String, String> properties = properties(component);
    String id = properties.getOrDefault("syft:distro:id", component.getName());
    if (id == null || id.isBlank()) {
      return null;
    }
    String version = properties.getOrDefault("syft:distro:versionID", component.getVersion());
    String codename = properties.get("syft:distro:versionCodename");
    String prettyName = properties.getOrDefault("syft:distro:prettyName", component.getDescription());
    return new Distro(id.strip().toLowerCase(Locale.ROOT), version, codename, prettyName);
  }

  /**
   * Returns the image the BOM describes, or null when the metadata component names no image
   * digest. Tried in order: an {@code oci} purl (our export), Trivy's {@code RepoDigest} and
   * {@code ImageID} properties, and a component version that is a digest (syft).
   */
  private static SbomSubject subject(Component component, SbomImportContext context) {
    if (component == null || component.getType() != Component.Type.CONTAINER) {
      return null;
    }
    Map<String, String> properties = properties(component);

    Platform platform = null;
    String platformText = properties.get("hullscope:image:platform");
    if (platformText != null) {
      try {
        platform = Platform.parse(platformText);
      } catch (IllegalArgumentException e) {
        context.warn("the image has an invalid platform '" + SbomImportContext.abbreviate(platformText) + "'");
      }
    }

    PackageURL purl = context.parsePurl("the image", component.getPurl());
    if (purl != null && "oci".equals(purl.getType())) {
      SbomSubject subject = SbomImportSubjects.fromOciPurl(purl, platform);
      if (subject != null) {
        return subject;
      }
    }

    ImageReference reference = SbomImportSubjects.reference(properties.get(TRIVY + "RepoTag"));
    if (reference == null) {
      reference = SbomImportSubjects.reference(component.getName());
    }
    Digest digest = SbomImportSubjects.repoDigest(properties.get(TRIVY + "RepoDigest"));
    if (digest == null) {
      digest = SbomImportSubjects.digest(properties.get(TRIVY + "ImageID"));
    }
    if (digest == null) {
      digest = SbomImportSubjects.digest(component.getVersion());
    }
    return digest == null ? null : new SbomSubject(reference, digest, platform);
  }

  /**
   * Returns the tools that made the BOM, as {@code name version}, joined by commas; null when none
   * are named. CycloneDX 1.5 deprecated the plain tool list, but some Trivy and syft versions
   * still write it, so both forms are read.
   */
  @SuppressWarnings("deprecation")
  private static String tool(Metadata metadata) {
    if (metadata == null) {
      return null;
    }
    List<String> tools = new ArrayList<>();
    if (metadata.getTools() != null) {
      for (Tool tool : metadata.getTools()) {
        tools.add(SbomImportSubjects.nameAndVersion(tool.getName(), tool.getVersion()));
      }
    }
    ToolInformation choice = metadata.getToolChoice();
    if (choice != null && choice.getComponents() != null) {
      for (Component tool : choice.getComponents()) {
        tools.add(SbomImportSubjects.nameAndVersion(tool.getName(), tool.getVersion()));
      }
    }
    if (choice != null && choice.getServices() != null) {
      for (Service tool : choice.getServices()) {
        tools.add(SbomImportSubjects.nameAndVersion(tool.getName(), tool.getVersion()));
      }
    }
    tools.removeIf(tool -> tool == null);
    return tools.isEmpty() ? null : String.join(", ", tools);
  }

  private static Map<String, String> properties(Component component) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (component.getProperties() != null) {
      for (Property property : component.getProperties()) {
        if (property != null && property.getName() != null && property.getValue() != null) {
          properties.putIfAbsent(property.getName(), property.getValue());
        }
      }
    }
    return properties;
  }

  /**
   * Returns whether a component is one of the groups Trivy makes of its results, such as a lock
   * file with its packages: it carries Trivy's {@code Class} property ({@code os-pkgs} or {@code
   * lang-pkgs}) and no purl, so it names a target that was scanned, not a package.
   */
  private static boolean isTrivyResultGroup(Component component) {
    return (component.getPurl() == null || component.getPurl().isBlank())
        && properties(component).containsKey(TRIVY + "Class");
  }

  private static String kind(Component component) {
    return component.getType() == null ? "unknown" : component.getType().getTypeName();
  }
}
