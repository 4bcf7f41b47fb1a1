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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one OSV record from JSON, validates its structure and turns it into an {@link OsvRecord}.
 *
 * <p>Input is bounded: at most {@code maxBytes} are read, nesting deeper than {@code maxDepth} and
 * strings longer than {@code maxStringLength} are rejected, and so is an affected package that
 * lists more than {@code maxVersions} versions. Every failure is an {@link OsvRecordException}
 * naming the source, so a caller importing many records can skip the bad one and go on.
 * Instances are immutable and thread-safe.
 */
public final class OsvRecordParser {

  /** Default maximum size of one record: 16 MiB, far above the largest records OSV publishes. */
  public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
  /** Default maximum JSON nesting depth; the schema needs 6 levels, free-form objects a few more. */
  public static final int DEFAULT_MAX_DEPTH = 64;
  /** Default maximum length of one JSON string: 1 MiB characters. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 1024 * 1024;
  /** Default maximum number of versions listed for one affected package. */
  public static final int DEFAULT_MAX_VERSIONS = 200_000;

  private final int maxBytes;
  private final int maxVersions;
  private final ObjectMapper mapper;

  /** Creates a parser with the default limits. */
  public OsvRecordParser() {
    this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_VERSIONS);
  }

  /** Creates a parser with the given limits, each at least 1. */
  public OsvRecordParser(int maxBytes, int maxDepth, int maxStringLength, int maxVersions) {
    if (maxBytes < 1 || maxDepth < 1 || maxStringLength < 1 || maxVersions < 1) {
      throw new IllegalArgumentException("OSV parser limits must be positive");
    }
    this.maxBytes = maxBytes;
    this.maxVersions = maxVersions;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth)
            .maxStringLength(maxStringLength)
            .maxDocumentLength(maxBytes)
            .build())
        .build();
    this.mapper = JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /** The maximum number of bytes one record may have. */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * Reads and validates one record.
   *
   * @param source the file or zip entry name, used in error messages
   * @throws OsvRecordException when the input is too large, not JSON, or not a valid OSV record
   * @throws IOException when reading {@code input} fails
   */
  public OsvRecord parse(String source, InputStream input) throws OsvRecordException, IOException {
    return parse(source, readBounded(source, input));
  }

  /** Reads and validates one record from bytes. */
  public OsvRecord parse(String source, byte[] json) throws OsvRecordException {
    if (json.length > maxBytes) {
      throw tooLarge(source);
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new OsvRecordException(source, "invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new OsvRecordException(source, "invalid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new OsvRecordException(source, "the file is empty");
    }
    List<String> problems = OsvValidator.validate(root);
    if (!problems.isEmpty()) {
      throw new OsvRecordException(source, "not a valid OSV record: " + String.join("; ", problems));
    }
    return toRecord(source, root);
  }

  private byte[] readBounded(String source, InputStream input) throws IOException, OsvRecordException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int read;
    while ((read = input.read(chunk)) != -1) {
      if (buffer.size() + read > maxBytes) {
        throw tooLarge(source);
      }
      buffer.write(chunk, 0, read);
    }
    return buffer.toByteArray();
  }

  private OsvRecordException tooLarge(String source) {
    return new OsvRecordException(source, "the record is larger than the limit of " + maxBytes + " bytes");
  }

  private OsvRecord toRecord(String source, JsonNode root) throws OsvRecordException {
    String id = root.get("id").asText();
    String where = source.contains(id) ? source : source + " (" + id + ")";
    List<OsvRecord.Affected> affected = new ArrayList<>();
    JsonNode affectedNode = root.get("affected");
    if (affectedNode != null && affectedNode.isArray()) {
      for (JsonNode entry : affectedNode) {
        affected.add(toAffected(where, entry));
      }
    }
    List<OsvRecord.Reference> references = new ArrayList<>();
    JsonNode referencesNode = root.get("references");
    if (referencesNode != null && referencesNode.isArray()) {
      for (JsonNode reference : referencesNode) {
        references.add(new OsvRecord.Reference(reference.get("type").asText(), text(reference, "url")));
      }
    }
    return new OsvRecord(
        id,
        instant(where, root, "modified"),
        instant(where, root, "published"),
        instant(where, root, "withdrawn"),
        strings(root.get("aliases")),
        strings(root.get("related")),
        strings(root.get("upstream")),
        text(root, "summary"),
        text(root, "details"),
        severities(root.get("severity")),
        severityText(root.get("database_specific")),
        affected,
        references);
  }

  private OsvRecord.Affected toAffected(String where, JsonNode entry) throws OsvRecordException {
    JsonNode pkg = entry.get("package");
    List<OsvRecord.Range> ranges = new ArrayList<>();
    JsonNode rangesNode = entry.get("ranges");
    if (rangesNode != null) {
      for (JsonNode range : rangesNode) {
        List<OsvRecord.Event> events = new ArrayList<>();
        for (JsonNode event : range.get("events")) {
          for (OsvRecord.EventKind kind : OsvRecord.EventKind.values()) {
            JsonNode value = event.get(kind.field());
            if (value != null) {
              events.add(new OsvRecord.Event(kind, value.asText()));
            }
          }
        }
        ranges.add(new OsvRecord.Range(OsvRecord.RangeType.valueOf(range.get("type").asText()),
            text(range, "repo"), events));
      }
    }
    JsonNode versions = entry.get("versions");
    if (versions != null && versions.size() > maxVersions) {
      throw new OsvRecordException(where, "an affected package lists " + versions.size()
          + " versions, more than the limit of " + maxVersions);
    }
    String databaseSeverity = severityText(entry.get("database_specific"));
    JsonNode ecosystemSpecific = entry.get("ecosystem_specific");
    if (databaseSeverity == null) {
      databaseSeverity = severityText(ecosystemSpecific);
    }
    return new OsvRecord.Affected(
        pkg == null ? null : text(pkg, "ecosystem"),
        pkg == null ? null : text(pkg, "name"),
        pkg == null ? null : text(pkg, "purl"),
        ranges,
        strings(versions),
        severities(entry.get("severity")),
        databaseSeverity,
        ecosystemSpecific == null ? null : ecosystemSpecific.toString());
  }

  private static Instant instant(String where, JsonNode root, String field) throws OsvRecordException {
    String text = text(root, field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new OsvRecordException(where, field + " '" + OsvValidator.shorten(text) + "' is not a valid date and time");
    }
  }

  /**
   * Returns the severity word that distro feeds put in {@code database_specific} (GitHub: {@code
   * severity}) or {@code ecosystem_specific} (Debian: {@code urgency}), or null.
   */
  private static String severityText(JsonNode object) {
    if (object == null || !object.isObject()) {
      return null;
    }
    for (String field : List.of("severity", "urgency")) {
      JsonNode value = object.get(field);
      if (value != null && value.isTextual() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }

  private static List<OsvRecord.Severity> severities(JsonNode severity) {
    List<OsvRecord.Severity> result = new ArrayList<>();
    if (severity != null && severity.isArray()) {
      for (JsonNode entry : severity) {
        result.add(new OsvRecord.Severity(text(entry, "type"), text(entry, "score")));
      }
    }
    return result;
  }

  private static List<String> strings(JsonNode array) {
    List<String> result = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode item : array) {
        result.add(item.asText());
      }
    }
    return result;
  }

  private static String text(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
