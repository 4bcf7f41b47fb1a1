package io.hullscope.vuln;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the JSON vulnerability report of another scanner into a {@link ScanResult}: Trivy's JSON
 * ({@code trivy image --format json}), Grype's ({@code grype -o json}) or the report Harbor holds
 * for an artifact. {@link #read(Path, String)} detects which one a file is.
 *
 * <p>Reading is bounded by {@link ExternalScannerLimits}. A report that is too large, nested too
 * deeply, not JSON or not shaped like any known report fails with an {@link
 * ExternalScannerReportException} naming it. A single malformed entry is skipped and listed in
 * {@link ScanResult#problems()}, so the other entries are kept.
 *
 * <p>Scanners list a vulnerability once per id: Grype names the GHSA of a language package and
 * lists its CVE under related vulnerabilities, and Trivy may list the same package twice when two
 * data sources know it. Entries of one package and installed version that share any id are
 * merged into one {@link VulnerabilityMatch} whose shown id is the CVE, as the built-in scanner does.
 */
public final class ExternalScannerReports {

  /** The report formats this class reads. */
  public enum Format {
    TRIVY("trivy"),
    GRYPE("grype"),
    HARBOR("harbor");

    private final String scannerName;

    Format(String scannerName) {
      this.scannerName = scannerName;
    }

    /** Returns the scanner name a result of this format starts with, for example {@code trivy}. */
    public String scannerName() {
      return scannerName;
    }

    /** Returns the format named {@code name} ignoring case, or null when none is. */
    public static Format named(String name) {
      for (Format format : values()) {
        if (format.scannerName.equalsIgnoreCase(name.strip())) {
          return format;
        }
      }
      return null;
    }
  }

  /** Most problem sentences one result keeps; a count covers the rest. */
  static final int MAX_PROBLEMS = 100;

  private final ExternalScannerLimits limits;
  private final ObjectMapper mapper;
  private final Clock clock;

  /** Creates a reader with the default limits. */
  public ExternalScannerReports() {
    this(ExternalScannerLimits.DEFAULT, Clock.systemUTC());
  }

  public ExternalScannerReports(ExternalScannerLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxStringLength())
            .maxDocumentLength(limits.maxBytes())
            .build())
        .build();
    this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /** Returns the limits this reader applies. */
  public ExternalScannerLimits limits() {
    return limits;
  }

  /**
   * Reads a Trivy, Grype or Harbor report file, detecting which it is.
   *
   * @param imageDigest the digest of the image the report is about, which keys the scan cache
   * @throws ExternalScannerReportException when the file is too large, not JSON or no known report
   * @throws IOException when the file cannot be read
   */
  public ScanResult read(Path file, String imageDigest) throws IOException {
    String name = file.toString();
    JsonNode root = parse(name, readFile(file));
    return read(name, root, detect(name, root), imageDigest);
  }

  /** Reads a report file of a known format; a file of another format fails. */
  public ScanResult read(Path file, Format expected, String imageDigest) throws IOException {
    String name = file.toString();
    JsonNode root = parse(name, readFile(file));
    Format found = detect(name, root);
    if (found != expected) {
      throw new ExternalScannerReportException(name, "it is a " + found.scannerName() + " report, not a "
          + expected.scannerName() + " report");
    }
    return read(name, root, found, imageDigest);
  }

  /**
   * Reads a report already parsed, as the Harbor client returns it.
   *
   * @param name the report's label for messages
   */
  public ScanResult read(String name, JsonNode root, Format format, String imageDigest)
      throws ExternalScannerReportException {
    if (root == null || !root.isObject()) {
      throw new ExternalScannerReportException(name, "the report is not a JSON object");
    }
    Problems problems = new Problems(MAX_PROBLEMS);
    return switch (format) {
      case TRIVY -> TrivyReportReader.read(name, root, imageDigest, clock.instant(), limits, problems);
      case GRYPE -> GrypeReportReader.read(name, root, imageDigest, clock.instant(), limits, problems);
      case HARBOR -> HarborReportReader.read(name, root, imageDigest, clock.instant(), limits, problems);
    };
  }

  /** Parses bytes into a JSON tree within the limits. */
  public JsonNode parse(String name, byte[] json) throws ExternalScannerReportException {
    if (json.length > limits.maxBytes()) {
      throw tooLarge(name);
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ExternalScannerReportException(name, "invalid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new ExternalScannerReportException(name, "invalid JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new ExternalScannerReportException(name, "the file is empty");
    }
    return root;
  }

  /** Reads at most {@code maxBytes} of a stream; more fails. */
  public byte[] readBounded(String name, InputStream input) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int read;
    while ((read = input.read(chunk)) != -1) {
      if ((long) buffer.size() + read > limits.maxBytes()) {
        throw tooLarge(name);
      }
      buffer.write(chunk, 0, read);
    }
    return buffer.toByteArray();
  }

  /**
   * Returns which scanner wrote a report: Trivy's has {@code SchemaVersion} and {@code Results},
   * Grype's has {@code matches} and a {@code descriptor} or {@code source}, Harbor's has {@code
   * vulnerabilities} and a {@code scanner} or {@code generated_at}.
   */
  public static Format detect(String name, JsonNode root) throws ExternalScannerReportException {
    if (root == null || !root.isObject()) {
      throw new ExternalScannerReportException(name, "the report is not a JSON object");
    }
    if (root.has("SchemaVersion") && (root.has("Results") || root.has("ArtifactName"))) {
      return Format.TRIVY;
    }
    if (root.has("matches") && (root.has("descriptor") || root.has("source"))) {
      return Format.GRYPE;
    }
    if (root.has("vulnerabilities") && (root.has("scanner") || root.has("generated_at"))) {
      return Format.HARBOR;
    }
    throw new ExternalScannerReportException(name, "it is neither a Trivy JSON report (SchemaVersion, Results),"
        + " a Grype JSON report (matches, descriptor) nor a Harbor vulnerability report (scanner, vulnerabilities)");
  }

  private byte[] readFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "scanner report not found");
    }
    if (Files.size(file) > limits.maxBytes()) {
      throw tooLarge(file.toString());
    }
    try (InputStream input = Files.newInputStream(file)) {
      return readBounded(file.toString(), input);
    }
  }

  private ExternalScannerReportException tooLarge(String name) {
    return new ExternalScannerReportException(name, "the report is larger than the limit of " + limits.maxBytes()
        + " bytes");
  }

  // ---- helpers shared by the format readers ----

  /** Returns the text of a string field, or null when it is absent, null, empty or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      return null;
    }
    return value.asText().strip();
  }

  /** Returns a number field, or null when it is absent or not a number. */
  static Double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.asDouble() : null;
  }

  /** Returns the array a top-level field holds, empty when absent or null, failing on another type. */
  static Iterable<JsonNode> array(String name, JsonNode node, String field) throws ExternalScannerReportException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ExternalScannerReportException(name, "'" + field + "' is a " + value.getNodeType().name()
          .toLowerCase(Locale.ROOT) + ", not an array");
    }
    return value;
  }

  /** Returns the package URL type of a purl, or null when the text is not a purl. */
  static String purlType(String purl) {
    if (purl == null || !purl.startsWith("pkg:")) {
      return null;
    }
    int slash = purl.indexOf('/', 4);
    return slash > 4 ? purl.substring(4, slash).toLowerCase(Locale.ROOT) : null;
  }

  /** Returns a score if it lies in the CVSS range, else null. */
  static Double validScore(Double score) {
    return score != null && score >= 0.0 && score <= 10.0 ? score : null;
  }

  /**
   * Merges entries of one package and installed version that share any id, and sorts the result
   * most severe first, as {@link OsvMatcher} does.
   */
  static List<VulnerabilityMatch> merge(List<VulnerabilityMatch> found) {
    Map<String, List<VulnerabilityMatch>> byPackage = new LinkedHashMap<>();
    for (VulnerabilityMatch match : found) {
      String key = match.packageName() + "\u0000" + match.installedVersion() + "\u0000" + match.packageType();
      byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(match);
    }
    List<VulnerabilityMatch> merged = new ArrayList<>();
    for (List<VulnerabilityMatch> entries : byPackage.values()) {
      for (List<VulnerabilityMatch> group : IdGroups.of(entries, VulnerabilityMatch::allIds)) {
        merged.add(mergeGroup(group));
      }
    }
    merged.sort(Comparator.comparing(VulnerabilityMatch::severity)
        .thenComparing(VulnerabilityMatch::score, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(VulnerabilityMatch::id)
        .thenComparing(VulnerabilityMatch::packageName)
        .thenComparing(VulnerabilityMatch::installedVersion));
    return merged;
  }

  private static VulnerabilityMatch mergeGroup(List<VulnerabilityMatch> group) {
    VulnerabilityMatch first = group.get(0);
    if (group.size() == 1) {
      return withCveFirst(first);
    }
    TreeSet<String> ids = new TreeSet<>();
    VulnSeverity severity = VulnSeverity.UNKNOWN;
    Double score = null;
    String summary = null;
    String fixed = null;
    String purl = null;
    int layer = -1;
    Set<String> vectors = new LinkedHashSet<>();
    for (VulnerabilityMatch match : group) {
      ids.addAll(match.allIds());
      severity = AdvisorySeverity.max(severity, match.severity());
      if (match.score() != null && (score == null || match.score() > score)) {
        score = match.score();
      }
      summary = summary != null ? summary : match.summary();
      // NOTE: without the scanner's version ordering the first fixed version listed is kept.
      fixed = fixed != null ? fixed : match.fixedVersion();
      purl = purl != null ? purl : match.purl();
      layer = layer >= 0 ? layer : match.layer();
      vectors.addAll(match.cvssVectors());
    }
    String primary = ids.stream().filter(id -> id.startsWith("CVE-")).findFirst().orElse(first.id());
    ids.remove(primary);
    return new VulnerabilityMatch(primary, List.copyOf(ids), summary, first.packageName(), first.packageType(), purl,
        first.ecosystem(), first.installedVersion(), fixed, severity, score, List.copyOf(vectors), layer);
  }

  private static VulnerabilityMatch withCveFirst(VulnerabilityMatch match) {
    if (match.id().startsWith("CVE-")) {
      return match;
    }
    TreeSet<String> ids = new TreeSet<>(match.allIds());
    String primary = ids.stream().filter(id -> id.startsWith("CVE-")).findFirst().orElse(match.id());
    ids.remove(primary);
    return new VulnerabilityMatch(primary, List.copyOf(ids), match.summary(), match.packageName(), match.packageType(),
        match.purl(), match.ecosystem(), match.installedVersion(), match.fixedVersion(), match.severity(),
        match.score(), match.cvssVectors(), match.layer());
  }
}
