package io.hullscope.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the structure of an SPDX 2.3 JSON document: the fields the spec requires, their JSON
 * types, unique ids, purls that parse and relationships between existing elements. Returns the
 * problems found instead of failing, so a test can show which rules a document breaks.
 */
final class SpdxDocumentChecker {

  static final Pattern ID = Pattern.compile("SPDXRef-[A-Za-z0-9.-]+");

  private static final Set<String> REF_CATEGORIES = Set.of("SECURITY", "PACKAGE-MANAGER", "PACKAGE_MANAGER", "PERSISTENT-ID", "PERSISTENT_ID", "OTHER");
  private static final Set<String> RELATIONSHIP_TYPES =
      Set.of(
          "DESCRIBES", "DESCRIBED_BY", "CONTAINS", "CONTAINED_BY", "DEPENDS_ON", "DEPENDENCY_OF", "DEPENDENCY_MANIFEST_OF",
          "BUILD_DEPENDENCY_OF", "DEV_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF", "TEST_DEPENDENCY_OF",
          "RUNTIME_DEPENDENCY_OF", "GENERATED_FROM", "GENERATES", "DISTRIBUTION_ARTIFACT", "PATCH_FOR", "PATCH_APPLIED",
          "COPY_OF", "FILE_ADDED", "FILE_DELETED", "FILE_MODIFIED", "EXPANDED_FROM_ARCHIVE", "DYNAMIC_LINK", "STATIC_LINK",
          "DATA_FILE_OF", "TEST_CASE_OF", "BUILD_TOOL_OF", "DEV_TOOL_OF", "TEST_OF", "TEST_TOOL_OF", "DOCUMENTATION_OF",
          "OPTIONAL_COMPONENT_OF", "METAFILE_OF", "PACKAGE_OF", "AMENDS", "PREREQUISITE_FOR", "HAS_PREREQUISITE",
          "REQUIREMENT_DESCRIPTION_FOR", "SPECIFICATION_FOR", "OTHER", "ANCESTOR_OF", "DESCENDANT_OF", "VARIANT_OF");

  private final List<String> problems = new ArrayList<>();

  private SpdxDocumentChecker() {}

  /** Returns the problems of a document, empty when it passes every check. */
  static List<String> check(JsonNode document) {
    SpdxDocumentChecker checker = new SpdxDocumentChecker();
    checker.checkDocument(document);
    return List.copyOf(checker.problems);
  }

  private void checkDocument(JsonNode document) {
    expectText(document, "spdxVersion", "document", "SPDX-2.3");
    expectText(document, "dataLicense", "document", "CC0-1.0");
    expectText(document, "SPDXID", "document", "SPDXRef-DOCUMENT");
    requireText(document, "name", "document");
    String namespace = requireText(document, "documentNamespace", "document");
    if (namespace != null) {
      checkNamespace(namespace);
    }
    checkCreationInfo(document.get("creationInfo"));

    Set<String> ids = new HashSet<>();
    ids.add("SPDXRef-DOCUMENT");
    JsonNode packages = document.get("packages");
    if (packages != null && !packages.isArray()) {
      problems.add("document: packages is not an array");
    } else if (packages != null) {
      for (int i = 0; i < packages.size(); i++) {
        checkPackage(packages.get(i), "packages[" + i + "]", ids);
      }
    }
    checkRelationships(document.get("relationships"), ids, document.get("documentDescribes"));
  }

  private void checkNamespace(String namespace) {
    try {
      URI uri = new URI(namespace);
      if (!uri.isAbsolute() || uri.getFragment() != null) {
        problems.add("document: documentNamespace " + namespace + " is not an absolute URI without '#'");
      }
    } catch (URISyntaxException e) {
      problems.add("document: documentNamespace " + namespace + " is not a URI: " + e.getMessage());
    }
  }

  private void checkCreationInfo(JsonNode info) {
    if (info == null || !info.isObject()) {
      problems.add("document: creationInfo is missing or not an object");
      return;
    }
    String created = requireText(info, "created", "creationInfo");
    if (created != null) {
      try {
        Instant.parse(created);
      } catch (DateTimeParseException e) {
        problems.add("creationInfo: created " + created + " is not an ISO-8601 UTC time");
      }
    }
    JsonNode creators = info.get("creators");
    if (creators == null || !creators.isArray() || creators.isEmpty()) {
      problems.add("creationInfo: creators is missing, empty or not an array");
      return;
    }
    for (JsonNode creator : creators) {
      String text = creator.isTextual() ? creator.asText() : "";
      if (!(text.startsWith("Tool: ") || text.startsWith("Organization: ") || text.startsWith("Person: "))) {
        problems.add("creationInfo: creator " + creator + " does not start with Tool:, Organization: or Person:");
      }
    }
  }

  private void checkPackage(JsonNode pkg, String where, Set<String> ids) {
    if (!pkg.isObject()) {
      problems.add(where + ": not an object");
      return;
    }
    String id = requireText(pkg, "SPDXID", where);
    if (id != null) {
      if (!ID.matcher(id).matches()) {
        problems.add(where + ": SPDXID " + id + " does not match " + ID);
      }
      if (!ids.add(id)) {
        problems.add(where + ": SPDXID " + id + " is used twice");
      }
    }
    requireText(pkg, "name", where);
    requireText(pkg, "downloadLocation", where);
    for (String field : List.of("versionInfo", "licenseConcluded", "licenseDeclared", "sourceInfo", "supplier", "primaryPackagePurpose")) {
      if (pkg.has(field) && !pkg.get(field).isTextual()) {
        problems.add(where + ": " + field + " is not a string");
      }
    }
    if (pkg.has("filesAnalyzed") && !pkg.get("filesAnalyzed").isBoolean()) {
      problems.add(where + ": filesAnalyzed is not a boolean");
    }
    JsonNode refs = pkg.get("externalRefs");
    if (refs == null) {
      return;
    }
    if (!refs.isArray()) {
      problems.add(where + ": externalRefs is not an array");
      return;
    }
    for (int i = 0; i < refs.size(); i++) {
      checkExternalRef(refs.get(i), where + ".externalRefs[" + i + "]");
    }
  }

  private void checkExternalRef(JsonNode ref, String where) {
    String category = requireText(ref, "referenceCategory", where);
    String type = requireText(ref, "referenceType", where);
    String locator = requireText(ref, "referenceLocator", where);
    if (category != null && !REF_CATEGORIES.contains(category)) {
      problems.add(where + ": unknown referenceCategory " + category);
    }
    if ("purl".equals(type) && locator != null) {
      try {
        new PackageURL(locator);
      } catch (MalformedPackageURLException e) {
        problems.add(where + ": purl " + locator + " does not parse: " + e.getMessage());
      }
    }
  }

  private void checkRelationships(JsonNode relationships, Set<String> ids, JsonNode documentDescribes) {
    boolean describes = documentDescribes != null && documentDescribes.isArray() && !documentDescribes.isEmpty();
    if (relationships != null && !relationships.isArray()) {
      problems.add("document: relationships is not an array");
    } else if (relationships != null) {
      for (int i = 0; i < relationships.size(); i++) {
        JsonNode relationship = relationships.get(i);
        String where = "relationships[" + i + "]";
        String from = requireText(relationship, "spdxElementId", where);
        String type = requireText(relationship, "relationshipType", where);
        String to = requireText(relationship, "relatedSpdxElement", where);
        if (type != null && !RELATIONSHIP_TYPES.contains(type)) {
          problems.add(where + ": unknown relationshipType " + type);
        }
        if (from != null && !ids.contains(from)) {
          problems.add(where + ": spdxElementId " + from + " names no element of the document");
        }
        if (to != null && !ids.contains(to) && !to.equals("NONE") && !to.equals("NOASSERTION")) {
          problems.add(where + ": relatedSpdxElement " + to + " names no element of the document");
        }
        describes |= "SPDXRef-DOCUMENT".equals(from) && "DESCRIBES".equals(type);
      }
    }
    if (!describes) {
      problems.add("document: describes no element (no DESCRIBES relationship and no documentDescribes)");
    }
  }

  private String requireText(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      problems.add(where + ": " + field + " is missing");
      return null;
    }
    if (!value.isTextual() || value.asText().isEmpty()) {
      problems.add(where + ": " + field + " is not a non-empty string");
      return null;
    }
    return value.asText();
  }

  private void expectText(JsonNode node, String field, String where, String expected) {
    String value = requireText(node, field, where);
    if (value != null && !value.equals(expected)) {
      problems.add(where + ": " + field + " is " + value + ", expected " + expected);
    }
  }
}
