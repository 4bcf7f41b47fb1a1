package io.hullscope.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one JSON metadata file (an npm {@code package.json}, a Composer {@code installed.json}, a
 * .NET {@code *.deps.json}) into a Jackson tree, bounded in size and nesting depth.
 *
 * <p>At most {@code maxBytes + 1} bytes are read from the stream before parsing, so an endless or
 * huge file costs no more memory than the limit. Jackson's {@link StreamReadConstraints} reject
 * deeper nesting than {@code maxDepth}. Every failure is a {@link PackageDatabaseException} whose
 * message starts with the file's path.
 */
final class JsonMetadataReader {

  /** Default maximum size of one JSON metadata file in bytes (4 MiB), an estimate well above real files. */
  static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

  /** Default maximum nesting depth of objects and arrays, an estimate well above the 6 levels of a .NET deps.json. */
  static final int DEFAULT_MAX_DEPTH = 64;

  // Some JVMs cannot allocate an array of Integer.MAX_VALUE elements, so the limit stays a little below.
  private static final long MAX_SUPPORTED_BYTES = Integer.MAX_VALUE - 16L;

  private final long maxBytes;
  private final int maxDepth;
  private final ObjectMapper mapper;

  JsonMetadataReader(long maxBytes, int maxDepth) {
    if (maxBytes <= 0 || maxBytes > MAX_SUPPORTED_BYTES) {
      throw new IllegalArgumentException("maxBytes must be between 1 and " + MAX_SUPPORTED_BYTES + ", got " + maxBytes);
    }
    if (maxDepth <= 0) {
      throw new IllegalArgumentException("maxDepth must be positive, got " + maxDepth);
    }
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(maxDepth)
        .maxStringLength((int) maxBytes)
        .maxDocumentLength(maxBytes)
        .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
    this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Reads and parses one file.
   *
   * @throws PackageDatabaseException when the file is larger than the limit, empty, not valid JSON
   *     (truncated, binary, trailing content) or nested deeper than the limit
   */
  JsonNode read(String path, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) (maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new PackageDatabaseException(
          path + " is larger than the limit of " + maxBytes + " bytes. Raise the limit if the image is trusted.");
    }
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw new PackageDatabaseException(
          path + " exceeds a JSON parser limit (maximum nesting depth " + maxDepth + "): " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new PackageDatabaseException(path + " is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()), e);
    } catch (IOException e) {
      // The bytes are already in memory, so any other I/O error is a decoding error of the content.
      throw new PackageDatabaseException(path + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new PackageDatabaseException(path + " is empty, but a JSON document was expected");
    }
    return root;
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /**
   * Returns the text of {@code object.field}, or null when the field is absent or JSON null.
   *
   * @param what the object's description for the error message, for example {@code package 3}
   * @throws PackageDatabaseException when the field is present but not a string
   */
  static String optionalText(String path, String what, JsonNode object, String field) throws PackageDatabaseException {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new PackageDatabaseException(
          path + ": " + what + " has an invalid \"" + field + "\": expected a string, found " + typeName(value));
    }
    return value.textValue();
  }

  /** Returns the JSON type of a node in words, for messages. */
  static String typeName(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case BINARY -> "binary data";
      case MISSING -> "nothing";
    };
  }

  /**
   * Returns true when the text contains a control character (Unicode category Cc, such as a line
   * break or ESC) or a format character (Cf, such as a right-to-left override), which no package
   * name, version or license contains and which would change how a terminal or table shows it.
   */
  static boolean containsControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      int type = Character.getType(text.charAt(i));
      if (type == Character.CONTROL || type == Character.FORMAT) {
        return true;
      }
    }
    return false;
  }

  /** Returns the text quoted for an error message, with control characters escaped and long text cut. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("'");
    int limit = Math.min(text.length(), 100);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        quoted.append(String.format("\\u%04X", (int) c));
      } else {
        quoted.append(c);
      }
    }
    if (text.length() > limit) {
      quoted.append("...");
    }
    return quoted.append('\'').toString();
  }
}
