package io.hullscope.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Exports the OS packages of an image as an SPDX 2.3 JSON document
 * (https://spdx.github.io/spdx-spec/v2.3/).
 *
 * <p>The document describes the image, which contains every package; dependencies between
 * packages of the image become {@code DEPENDS_ON} relationships. Packages are sorted and the
 * document namespace derives from the image and the timestamp, so the same input gives the same
 * bytes.
 */
public final class SpdxExporter {

  /** The SPDX version written. */
  public static final String SPEC_VERSION = "SPDX-2.3";

  /** Creator written to the creation info; the version is {@link CycloneDxExporter#TOOL_VERSION}. */
  public static final String CREATOR = "Tool: hullscope-" + CycloneDxExporter.TOOL_VERSION;

  /** SPDX id of the image package. */
  public static final String IMAGE_ID = "SPDXRef-Image";

  private static final String NOASSERTION = "NOASSERTION";
  private static final String NAMESPACE_BASE = "https://spdx.org/spdxdocs/hullscope/";
  private static final Pattern UNSAFE_ID_CHARS = Pattern.compile("[^A-Za-z0-9.-]+");
  private static final Pattern EXPRESSION_TOKENS = Pattern.compile("\\(|\\)|[^\\s()]+");
  private static final Pattern LICENSE_ID = Pattern.compile("(?:LicenseRef-|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-)?[A-Za-z0-9.-]+\\+?");

  private static final Comparator<Package> ORDER =
      Comparator.comparing(Package::name)
          .thenComparing(Package::version, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Package::purl, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Package::evidencePath, Comparator.nullsFirst(Comparator.naturalOrder()));

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpdxExporter() {}

  /**
   * Builds the SPDX document of an image as a JSON tree.
   *
   * @param subject the image
   * @param packages the image's packages, in any order
   * @param timestamp the creation time, written in whole seconds
   */
  public static ObjectNode toTree(SbomSubject subject, List<Package> packages, Instant timestamp) {
    return toTree(new ImageSbom(subject, null, packages.stream().map(ImagePackage::withoutLayers).toList(),
        List.of(), List.of(), CREATOR), timestamp);
  }

  /**
   * Builds the SPDX document of an image's SBOM as a JSON tree. The layers a package came from are
   * written as a package comment, because SPDX 2.3 has no field for them.
   *
   * @param timestamp the creation time, written in whole seconds
   */
  public static ObjectNode toTree(ImageSbom sbom, Instant timestamp) {
    SbomSubject subject = sbom.subject();
    if (subject == null) {
      throw new IllegalArgumentException("an SBOM without an image digest cannot be exported");
    }
    String imagePurl = subject.purl();
    Instant created = timestamp.truncatedTo(ChronoUnit.SECONDS);
    ObjectNode document = MAPPER.createObjectNode();
    document.put("spdxVersion", SPEC_VERSION);
    document.put("dataLicense", "CC0-1.0");
    document.put("SPDXID", "SPDXRef-DOCUMENT");
    document.put("name", subject.displayName() + ":" + subject.displayVersion());
    document.put("documentNamespace", NAMESPACE_BASE + sanitize(subject.displayName()) + "-" + namespaceUuid(imagePurl, created));
    ObjectNode creationInfo = document.putObject("creationInfo");
    creationInfo.put("created", created.toString());
    creationInfo.putArray("creators").add(CREATOR);

    ArrayNode packageNodes = document.putArray("packages");
    packageNodes.add(imagePackage(subject, imagePurl));
    List<ImagePackage> sortedFound = sbom.packages().stream()
        .sorted(java.util.Comparator.comparing(ImagePackage::pkg, ORDER)).toList();
    List<Package> sorted = sortedFound.stream().map(ImagePackage::pkg).toList();
    Set<String> used = new HashSet<>(List.of("SPDXRef-DOCUMENT", IMAGE_ID));
    List<String> ids = new ArrayList<>();
    Map<String, List<String>> idsByName = new TreeMap<>();
    for (ImagePackage found : sortedFound) {
      Package pkg = found.pkg();
      String id = uniqueId("SPDXRef-Package-" + sanitize(Objects.toString(pkg.type(), "package") + "-" + pkg.name() + "-" + Objects.toString(pkg.version(), "")), used);
      ids.add(id);
      idsByName.computeIfAbsent(pkg.type() + "/" + pkg.name(), name -> new ArrayList<>()).add(id);
      ObjectNode node = packageNode(pkg, id);
      String layers = layerComment(found, sbom.layers());
      if (layers != null) {
        node.put("comment", layers);
      }
      packageNodes.add(node);
    }

    ArrayNode relationships = document.putArray("relationships");
    relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", IMAGE_ID);
    for (String id : ids) {
      relationship(relationships, IMAGE_ID, "CONTAINS", id);
    }
    for (int i = 0; i < sorted.size(); i++) {
      Set<String> targets = new TreeSet<>();
      for (String name : sorted.get(i).dependencies()) {
        // Names without a package in the image (missing or virtual packages) are skipped.
        targets.addAll(idsByName.getOrDefault(sorted.get(i).type() + "/" + name, List.of()));
      }
      targets.remove(ids.get(i));
      for (String target : targets) {
        relationship(relationships, ids.get(i), "DEPENDS_ON", target);
      }
    }
    return document;
  }

  /** Writes the SPDX document of an image as SPDX 2.3 JSON. */
  public static String toJson(SbomSubject subject, List<Package> packages, Instant timestamp) throws IOException {
    return toJson(toTree(subject, packages, timestamp), subject);
  }

  /** Writes the SPDX document of an image's SBOM as SPDX 2.3 JSON. */
  public static String toJson(ImageSbom sbom, Instant timestamp) throws IOException {
    return toJson(toTree(sbom, timestamp), sbom.subject());
  }

  private static String toJson(ObjectNode document, SbomSubject subject) throws IOException {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IOException(
          "failed to write the SPDX JSON of image " + subject.displayName() + ": " + e.getOriginalMessage() + "; report this as a bug", e);
    }
  }

  /**
   * Returns the license expression to declare: the recorded licenses joined with {@code AND}
   * when each looks like an SPDX expression, otherwise {@code NOASSERTION}.
   *
   * <p>Ids must be on the SPDX license list or start with {@code LicenseRef-}, so a name such as
   * {@code GPLv2} gives {@code NOASSERTION}. Ids match the list ignoring case.
   */
  static String declaredLicense(List<String> licenses) {
    Set<String> expressions = new TreeSet<>();
    for (String text : licenses) {
      if (text == null || text.isBlank()) {
        continue;
      }
      String expression = text.strip();
      if (!looksLikeExpression(expression)) {
        return NOASSERTION;
      }
      expressions.add(expression);
    }
    if (expressions.isEmpty()) {
      return NOASSERTION;
    }
    if (expressions.size() == 1) {
      return expressions.iterator().next();
    }
    List<String> parts = new ArrayList<>();
    for (String expression : expressions) {
      parts.add(expression.contains(" ") ? "(" + expression + ")" : expression);
    }
    return String.join(" AND ", parts);
  }

  /** Checks the grammar of an SPDX license expression: ids joined by AND, OR, WITH and parentheses. */
  static boolean looksLikeExpression(String text) {
    List<String> tokens = new ArrayList<>();
    var matcher = EXPRESSION_TOKENS.matcher(text);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    int[] position = {0};
    return !tokens.isEmpty() && compound(tokens, position) && position[0] == tokens.size();
  }

  private static boolean compound(List<String> tokens, int[] position) {
    if (!simple(tokens, position)) {
      return false;
    }
    while (position[0] < tokens.size()) {
      String operator = tokens.get(position[0]);
      if (operator.equals("AND") || operator.equals("OR")) {
        position[0]++;
        if (!simple(tokens, position)) {
          return false;
        }
      } else if (operator.equals("WITH")) {
        position[0]++;
        if (position[0] >= tokens.size() || !isId(tokens.get(position[0]))) {
          return false;
        }
        position[0]++;
      } else {
        return operator.equals(")");
      }
    }
    return true;
  }

  private static boolean simple(List<String> tokens, int[] position) {
    if (position[0] >= tokens.size()) {
      return false;
    }
    String token = tokens.get(position[0]);
    if (token.equals("(")) {
      position[0]++;
      if (!compound(tokens, position) || position[0] >= tokens.size() || !tokens.get(position[0]).equals(")")) {
        return false;
      }
      position[0]++;
      return true;
    }
    if (!isId(token)) {
      return false;
    }
    position[0]++;
    return true;
  }

  private static boolean isId(String token) {
    if (!LICENSE_ID.matcher(token).matches()) {
      return false;
    }
    if (token.contains("LicenseRef-")) {
      return true;
    }
    String id = token.endsWith("+") ? token.substring(0, token.length() - 1) : token;
    return KnownIds.IDS.contains(id.toLowerCase(Locale.ROOT));
  }

  /**
   * SPDX license and exception ids, lower-cased, from the SPDX list CycloneDX bundles. The list
   * mixes both kinds, so a license after {@code WITH} is not rejected.
   */
  private static final class KnownIds {

    // NOTE: the list is the one CycloneDX ships (spdx.schema.json, SPDX license list 3.27), so
    // ids added to SPDX later count as unknown until that library is upgraded.
    static final Set<String> IDS = load();

    private static Set<String> load() {
      try (InputStream in = SpdxExporter.class.getClassLoader().getResourceAsStream("spdx.schema.json")) {
        if (in == null) {
          throw new IllegalStateException("SPDX license list spdx.schema.json not found on the classpath; check the cyclonedx-core-java dependency");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode id : MAPPER.readTree(in).get("enum")) {
          ids.add(id.asText().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(ids);
      } catch (IOException e) {
        throw new UncheckedIOException("failed to read the SPDX license list spdx.schema.json: " + e.getMessage(), e);
      }
    }
  }

  private static ObjectNode imagePackage(SbomSubject subject, String purl) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("SPDXID", IMAGE_ID);
    node.put("name", subject.displayName());
    node.put("versionInfo", subject.displayVersion());
    node.put("supplier", NOASSERTION);
    node.put("downloadLocation", NOASSERTION);
    node.put("filesAnalyzed", false);
    node.put("licenseConcluded", NOASSERTION);
    node.put("licenseDeclared", NOASSERTION);
    purlRef(node, purl);
    node.put("primaryPackagePurpose", "CONTAINER");
    return node;
  }

  private static ObjectNode packageNode(Package pkg, String id) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("SPDXID", id);
    node.put("name", pkg.name());
    if (pkg.version() != null) {
      node.put("versionInfo", pkg.version());
    }
    node.put("supplier", NOASSERTION);
    node.put("downloadLocation", NOASSERTION);
    node.put("filesAnalyzed", false);
    checksums(node, pkg.hashes());
    if (pkg.sourceName() != null) {
      String version = pkg.sourceVersion() != null ? pkg.sourceVersion() : pkg.version();
      node.put("sourceInfo", "built package from: " + pkg.sourceName() + (version == null ? "" : " " + version));
    }
    node.put("licenseConcluded", NOASSERTION);
    node.put("licenseDeclared", declaredLicense(pkg.licenses()));
    if (pkg.purl() != null) {
      purlRef(node, pkg.purl());
    }
    return node;
  }

  private static String layerComment(ImagePackage found, List<io.hullscope.image.Digest> layers) {
    if (found.addedLayer() < 0 || found.addedLayer() >= layers.size() || layers.get(found.addedLayer()) == null) {
      return null;
    }
    String comment = "Added by layer " + layers.get(found.addedLayer());
    if (found.changedLayer() != found.addedLayer() && found.changedLayer() < layers.size()
        && layers.get(found.changedLayer()) != null) {
      comment += "; version set by layer " + layers.get(found.changedLayer());
    }
    return comment;
  }

  private static void checksums(ObjectNode node, java.util.Map<String, String> hashes) {
    ArrayNode checksums = null;
    for (var hash : new TreeMap<>(hashes).entrySet()) {
      // SPDX names algorithms without the dash: SHA1, SHA256.
      String algorithm = hash.getKey().replace("-", "").toUpperCase(java.util.Locale.ROOT);
      if (algorithm.equals("SHA1") || algorithm.equals("SHA256") || algorithm.equals("SHA512") || algorithm.equals("MD5")) {
        if (checksums == null) {
          checksums = node.putArray("checksums");
        }
        ObjectNode checksum = checksums.addObject();
        checksum.put("algorithm", algorithm);
        checksum.put("checksumValue", hash.getValue());
      }
    }
  }

  private static void purlRef(ObjectNode node, String purl) {
    ObjectNode ref = node.putArray("externalRefs").addObject();
    ref.put("referenceCategory", "PACKAGE-MANAGER");
    ref.put("referenceType", "purl");
    ref.put("referenceLocator", purl);
  }

  private static void relationship(ArrayNode relationships, String from, String type, String to) {
    ObjectNode node = relationships.addObject();
    node.put("spdxElementId", from);
    node.put("relationshipType", type);
    node.put("relatedSpdxElement", to);
  }

  /** Replaces every run of characters an SPDX id may not contain with one {@code -}. */
  static String sanitize(String text) {
    String safe = UNSAFE_ID_CHARS.matcher(text).replaceAll("-");
    return safe.isEmpty() ? "unnamed" : safe;
  }

  private static String uniqueId(String base, Set<String> used) {
    String id = base;
    for (int n = 2; !used.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private static UUID namespaceUuid(String imagePurl, Instant created) {
    return UUID.nameUUIDFromBytes((imagePurl + "\n" + created).getBytes(StandardCharsets.UTF_8));
  }
}
