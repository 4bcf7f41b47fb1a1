package io.hullscope.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.PackageURL;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an SPDX 2.2 or 2.3 JSON document (https://spdx.github.io/spdx-spec/v2.3/) to packages.
 *
 * <p>A package is an SPDX package that is neither the image nor the distro. The image is a
 * package whose {@code primaryPackagePurpose} is {@code CONTAINER}, or whose SPDX id starts with
 * {@code SPDXRef-ContainerImage} (Trivy, which sets no purpose), or the element the document
 * {@code DESCRIBES} when it has no purl or an {@code oci} or {@code docker} one. The distro is a
 * package with purpose {@code OPERATING-SYSTEM} or an id starting with {@code
 * SPDXRef-OperatingSystem} (Trivy). Packages with purpose {@code FILE}, Trivy's groups of results
 * (no purl and a {@code Class:} attribution text), and entries of {@code files} and {@code snippets} are counted as skipped.
 *
 * <p>Licenses come from {@code licenseDeclared}, else {@code licenseConcluded}, leaving out
 * {@code NOASSERTION} and {@code NONE}. The source package comes from a {@code sourceInfo} of the
 * form {@code built package from: NAME VERSION} (Trivy and our export), the evidence path from one
 * of the form {@code acquired package info from ...: PATH} (syft), and the layer from Trivy's
 * attribution text {@code LayerDiffID: sha256:...} or from the comment our export writes. Dependencies come from {@code DEPENDS_ON},
 * {@code DEPENDENCY_OF}, {@code CONTAINS} and {@code CONTAINED_BY} relationships between two
 * packages.
 */
final class SbomImportSpdx {

  private static final Set<String> SUPPORTED_VERSIONS = Set.of("SPDX-2.2", "SPDX-2.3");
  private static final Set<String> NO_LICENSE = Set.of("NOASSERTION", "NONE");
  private static final String BUILT_FROM = "built package from:";
  private static final String ACQUIRED_FROM = "acquired package info from";
  private static final Pattern LAYER_COMMENT =
      Pattern.compile("Added by layer ([^;\\s]+)(?:; version set by layer ([^;\\s]+))?");

  private SbomImportSpdx() {}

  static SbomImport read(String name, JsonNode document, SbomImportContext context) throws SbomImportException {
    String version = document.path("spdxVersion").asText("");
    if (!SUPPORTED_VERSIONS.contains(version)) {
      throw new SbomImportException("failed to import SBOM " + name + ": SPDX version '"
          + SbomImportContext.abbreviate(version) + "' is not supported; SPDX-2.2 and SPDX-2.3 JSON are");
    }
    JsonNode packageNodes = document.path("packages");
    if (!packageNodes.isMissingNode() && !packageNodes.isArray()) {
      throw new SbomImportException("failed to import SBOM " + name + ": 'packages' is not an array");
    }
    countSkipped(document, "files", "file", context);
    countSkipped(document, "snippets", "snippet", context);

    Set<String> described = describedIds(document);
    Map<String, SbomImportContext.Draft> byId = new HashMap<>();
    JsonNode imageNode = null;
    Distro distro = null;
    for (JsonNode node : packageNodes) {
      if (!node.isObject()) {
        context.warn("a package entry is not a JSON object and was left out");
        context.skip("invalid");
        continue;
      }
      String kind = nonPackageKind(node, described);
      if (kind != null) {
        context.skip(kind);
        if (kind.equals("container") && imageNode == null) {
          imageNode = node;
        } else if (kind.equals("operating-system") && distro == null) {
          distro = distro(node);
        }
        continue;
      }
      SbomImportContext.Draft draft = packageDraft(node, context);
      String id = text(node, "SPDXID");
      if (draft != null && id != null && byId.putIfAbsent(id, draft) != null) {
        context.warn("SPDXID '" + SbomImportContext.abbreviate(id) + "' is used by more than one package;"
            + " relationships naming it are attributed to the first");
      }
    }
    addDependencies(document.path("relationships"), byId, context);

    SbomSubject subject = imageNode == null ? null : subject(imageNode, context);
    return context.result(subject, distro, tool(document.path("creationInfo").path("creators")), version + " JSON");
  }

  private static void countSkipped(JsonNode document, String field, String kind, SbomImportContext context) {
    JsonNode entries = document.path(field);
    if (entries.isArray()) {
      for (int i = 0; i < entries.size(); i++) {
        context.skip(kind);
      }
    }
  }

  /** Returns the ids the document describes, from DESCRIBES relationships and SPDX 2.2's {@code documentDescribes}. */
  private static Set<String> describedIds(JsonNode document) {
    Set<String> ids = new HashSet<>();
    for (JsonNode id : document.path("documentDescribes")) {
      if (id.isTextual()) {
        ids.add(id.asText());
      }
    }
    for (JsonNode relationship : document.path("relationships")) {
      if ("DESCRIBES".equals(text(relationship, "relationshipType"))
          && "SPDXRef-DOCUMENT".equals(text(relationship, "spdxElementId"))) {
        String target = text(relationship, "relatedSpdxElement");
        if (target != null) {
          ids.add(target);
        }
      }
    }
    return ids;
  }

  /** Returns the kind of an entry that is not a package, such as {@code container}, else null. */
  private static String nonPackageKind(JsonNode node, Set<String> described) {
    String purpose = String.valueOf(text(node, "primaryPackagePurpose")).toUpperCase(Locale.ROOT);
    String id = String.valueOf(text(node, "SPDXID"));
    if (purpose.equals("CONTAINER") || id.startsWith("SPDXRef-ContainerImage")) {
      return "container";
    }
    if (purpose.equals("OPERATING-SYSTEM") || purpose.equals("OPERATING_SYSTEM") || id.startsWith("SPDXRef-OperatingSystem")) {
      return "operating-system";
    }
    if (purpose.equals("FILE")) {
      return "file";
    }
    if (purl(node) == null && hasTrivyClass(node)) {
      return "result-group";
    }
    if (described.contains(id)) {
      String purl = purl(node);
      if (purl == null || purl.startsWith("pkg:oci/") || purl.startsWith("pkg:docker/")) {
        return "container";
      }
    }
    return null;
  }

  private static SbomImportContext.Draft packageDraft(JsonNode node, SbomImportContext context) {
    String name = text(node, "name");
    String described = "package '" + SbomImportContext.abbreviate(String.valueOf(name)) + "'";
    SbomImportContext.Draft draft = context.addDraft(described, name, text(node, "versionInfo"), purl(node));
    if (draft == null) {
      return null;
    }
    context.checkPurlVersion(described, draft);
    String license = text(node, "licenseDeclared");
    if (license == null || NO_LICENSE.contains(license.strip())) {
      license = text(node, "licenseConcluded");
    }
    if (license != null && !NO_LICENSE.contains(license.strip())) {
      draft.addLicense(license);
    }
    for (JsonNode checksum : node.path("checksums")) {
      String value = text(checksum, "checksumValue");
      String algorithm = SbomImportContext.hashAlgorithm(text(checksum, "algorithm"), value);
      if (algorithm != null) {
        draft.hashes.putIfAbsent(algorithm, value.toLowerCase(Locale.ROOT));
      }
    }
    readSourceInfo(draft, text(node, "sourceInfo"));
    readLayerComment(draft, text(node, "comment"), described, context);
    for (JsonNode attribution : node.path("attributionTexts")) {
      String line = attribution.asText("");
      if (line.startsWith("LayerDiffID:")) {
        draft.layer = context.parseLayer(described, line.substring("LayerDiffID:".length()));
      } else if (line.startsWith("FilePath:")) {
        draft.setEvidencePath(line.substring("FilePath:".length()));
      }
    }
    return draft;
  }

  /**
   * Reads {@code built package from: NAME VERSION} as the source package and {@code acquired
   * package info from DESCRIPTION: PATH, PATH} as the evidence path (the first path).
   */
  private static void readSourceInfo(SbomImportContext.Draft draft, String sourceInfo) {
    if (sourceInfo == null) {
      return;
    }
    String info = sourceInfo.strip();
    if (info.startsWith(BUILT_FROM)) {
      String[] parts = info.substring(BUILT_FROM.length()).strip().split("\\s+", 2);
      if (!parts[0].isEmpty()) {
        draft.setSource(parts[0], parts.length > 1 ? parts[1] : null);
      }
    } else if (info.startsWith(ACQUIRED_FROM)) {
      int colon = info.indexOf(": ");
      if (colon > 0) {
        draft.setEvidencePath(info.substring(colon + 2).split(",", 2)[0]);
      }
    }
  }

  /** Reads the layers from a comment as our SPDX export writes it, for example {@code Added by layer sha256:...}. */
  private static void readLayerComment(
      SbomImportContext.Draft draft, String comment, String described, SbomImportContext context) {
    if (comment == null) {
      return;
    }
    Matcher matcher = LAYER_COMMENT.matcher(comment.strip());
    if (matcher.matches()) {
      draft.layer = context.parseLayer(described, matcher.group(1));
      draft.changedLayer = context.parseLayer(described, matcher.group(2));
    }
  }

  private static void addDependencies(
      JsonNode relationships, Map<String, SbomImportContext.Draft> byId, SbomImportContext context) {
    for (JsonNode relationship : relationships) {
      String type = String.valueOf(text(relationship, "relationshipType"));
      SbomImportContext.Draft element = byId.get(text(relationship, "spdxElementId"));
      SbomImportContext.Draft related = byId.get(text(relationship, "relatedSpdxElement"));
      if (element == null || related == null) {
        // Relationships with the document, the image, the distro or files are not dependencies between packages.
        continue;
      }
      switch (type) {
        case "DEPENDS_ON", "CONTAINS" -> element.dependsOn.add(related);
        case "DEPENDENCY_OF", "CONTAINED_BY" -> related.dependsOn.add(element);
        default -> {
          // Other relationship types, such as GENERATED_FROM, are not dependencies.
        }
      }
    }
  }

  private static Distro distro(JsonNode node) {
    String id = text(node, "name");
    if (id == null || id.isBlank()) {
      return null;
    }
    return new Distro(id.strip().toLowerCase(Locale.ROOT), text(node, "versionInfo"), null, text(node, "description"));
  }

  /**
   * Returns the image an SPDX package describes: from an {@code oci} purl (our export) or from
   * Trivy's attribution texts {@code RepoDigest:}, {@code ImageID:} and {@code RepoTag:}; null
   * when neither names a digest.
   */
  private static SbomSubject subject(JsonNode node, SbomImportContext context) {
    PackageURL purl = context.parsePurl("the image", purl(node));
    if (purl != null && "oci".equals(purl.getType())) {
      SbomSubject subject = SbomImportSubjects.fromOciPurl(purl, null);
      if (subject != null) {
        return subject;
      }
    }
    Map<String, String> attributions = new HashMap<>();
    for (JsonNode attribution : node.path("attributionTexts")) {
      String line = attribution.asText("");
      int colon = line.indexOf(':');
      if (colon > 0) {
        attributions.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    Digest digest = SbomImportSubjects.repoDigest(attributions.get("RepoDigest"));
    if (digest == null) {
      digest = SbomImportSubjects.digest(attributions.get("ImageID"));
    }
    if (digest == null) {
      return null;
    }
    ImageReference reference = SbomImportSubjects.reference(attributions.get("RepoTag"));
    return new SbomSubject(reference, digest, null);
  }

  private static String tool(JsonNode creators) {
    List<String> tools = new ArrayList<>();
    for (JsonNode creator : creators) {
      String text = creator.asText("");
      if (text.startsWith("Tool:")) {
        tools.add(SbomImportSubjects.spdxTool(text));
      }
    }
    return tools.isEmpty() ? null : String.join(", ", tools);
  }

  /** Returns whether a package has Trivy's {@code Class:} attribution text, which marks a group of results such as a lock file. */
  private static boolean hasTrivyClass(JsonNode node) {
    for (JsonNode attribution : node.path("attributionTexts")) {
      if (attribution.asText("").startsWith("Class:")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the first purl among a package's external references, or null. */
  private static String purl(JsonNode node) {
    for (JsonNode ref : node.path("externalRefs")) {
      String category = String.valueOf(text(ref, "referenceCategory")).replace('_', '-');
      if ("purl".equals(text(ref, "referenceType")) && category.equals("PACKAGE-MANAGER")) {
        return text(ref, "referenceLocator");
      }
    }
    return null;
  }

  /** Returns a field's text when it is a JSON string, else null, so that wrong types read as absent. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
