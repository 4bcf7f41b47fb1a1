package io.hullscope.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an SBOM made by another tool (syft, Trivy, or Hullscope itself) into an {@link
 * ImageSbom}, so that it can be shown and compared with the SBOM we build.
 *
 * <p>The format is detected from the content, never from the file name: CycloneDX JSON (1.2 to
 * 1.7), CycloneDX XML (1.0 to 1.7) and SPDX JSON (2.2 and 2.3). CycloneDX is parsed with
 * cyclonedx-core-java, SPDX with Jackson. See {@link SbomImportCycloneDx} and {@link
 * SbomImportSpdx} for how entries map to packages.
 *
 * <p>Input is untrusted: the file size, the JSON and XML nesting depth and the length of a JSON
 * string or XML text are bounded, and XML with a document type declaration is rejected before any parser
 * resolves entities or DTDs. A malformed entry, or a malformed field such as a purl, is left out
 * with a warning. Only a document that cannot be read at all fails with {@link
 * SbomImportException}.
 */
public final class SbomImporter {

  /** Default maximum file size: 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  /** Default maximum nesting depth of JSON arrays and objects or XML elements. */
  public static final int DEFAULT_MAX_DEPTH = 256;

  /** Default maximum length of one JSON string or XML text, in characters: 16 Mi, enough for embedded license texts. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 16 * 1024 * 1024;

  /** Default maximum number of warnings kept; later ones are only counted. */
  public static final int DEFAULT_MAX_WARNINGS = 1000;

  private final long maxBytes;
  private final int maxDepth;
  private final int maxStringLength;
  private final int maxWarnings;
  private final ObjectMapper mapper;

  /** Creates an importer with the default limits. */
  public SbomImporter() {
    this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_WARNINGS);
  }

  /**
   * Creates an importer with the given limits.
   *
   * @param maxBytes maximum file size in bytes
   * @param maxDepth maximum nesting depth of JSON arrays and objects or XML elements
   * @param maxStringLength maximum length of one JSON string or XML text, in characters
   * @param maxWarnings maximum number of warnings kept
   */
  public SbomImporter(long maxBytes, int maxDepth, int maxStringLength, int maxWarnings) {
    if (maxBytes <= 0 || maxDepth <= 0 || maxStringLength <= 0 || maxWarnings < 0) {
      throw new IllegalArgumentException("SBOM import limits must be positive: maxBytes " + maxBytes + ", maxDepth "
          + maxDepth + ", maxStringLength " + maxStringLength + ", maxWarnings " + maxWarnings);
    }
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    this.maxStringLength = maxStringLength;
    this.maxWarnings = maxWarnings;
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(maxDepth)
        .maxStringLength(maxStringLength)
        .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
    this.mapper = new ObjectMapper(factory);
  }

  /** Reads the SBOM in a file. */
  public SbomImport read(Path file) throws IOException {
    String name = file.toString();
    byte[] content;
    try {
      if (Files.size(file) > maxBytes) {
        throw tooLarge(name);
      }
      try (InputStream in = Files.newInputStream(file)) {
        content = readBounded(name, in);
      }
    } catch (SbomImportException e) {
      throw e;
    } catch (IOException e) {
      throw new SbomImportException("failed to read SBOM " + name + ": " + e, e);
    }
    return read(name, content);
  }

  /**
   * Reads an SBOM from a stream, which is read to its end, or until it passes the size limit, and
   * is not closed.
   *
   * @param name the file name or other label used in errors and warnings
   */
  public SbomImport read(String name, InputStream in) throws IOException {
    return read(name, readBounded(name, in));
  }

  /**
   * Reads an SBOM from its bytes.
   *
   * @param name the file name or other label used in errors and warnings
   */
  public SbomImport read(String name, byte[] content) throws IOException {
    if (content.length > maxBytes) {
      throw tooLarge(name);
    }
    int start = firstSignificantByte(content);
    if (start < 0) {
      throw new SbomImportException("failed to import SBOM " + name + ": the file is empty");
    }
    for (byte b : content) {
      if (b == 0) {
        throw new SbomImportException("failed to import SBOM " + name
            + ": the file contains NUL bytes, so it is binary, not CycloneDX or SPDX JSON or XML");
      }
    }
    return switch (content[start]) {
      case '{' -> readJson(name, content);
      case '[' -> throw new SbomImportException("failed to import SBOM " + name
          + ": the JSON document is an array, but CycloneDX and SPDX documents are JSON objects");
      case '<' -> readXml(name, content);
      default -> throw new SbomImportException("failed to import SBOM " + name + ": " + describeUnknown(content, start));
    };
  }

  /**
   * Returns the imported SBOM with layer positions: each package whose layer diff id is one of
   * the image's gets that position. Documents of other tools name only one layer, which then is
   * both the layer the package was added in and the one that set its version. Packages with no
   * known layer, or one the image does not have, keep -1.
   *
   * @param diffIds the diff ids of the image the SBOM describes, by layer position
   */
  public static ImageSbom withLayers(SbomImport imported, List<Digest> diffIds) {
    Map<Digest, Integer> positions = new HashMap<>();
    for (int i = diffIds.size() - 1; i >= 0; i--) {
      // The first position wins when an image repeats a layer, as the packages were there from it on.
      positions.put(diffIds.get(i), i);
    }
    ImageSbom sbom = imported.sbom();
    List<ImagePackage> placed = new ArrayList<>(sbom.packages().size());
    for (int i = 0; i < sbom.packages().size(); i++) {
      Digest addedLayer = imported.addedLayers().get(i);
      Digest changedLayer = imported.changedLayers().get(i);
      Integer added = addedLayer == null ? null : positions.get(addedLayer);
      Integer changed = changedLayer == null ? added : positions.get(changedLayer);
      Package pkg = sbom.packages().get(i).pkg();
      if (added == null) {
        placed.add(ImagePackage.withoutLayers(pkg));
      } else {
        // A version set below the layer that added the package contradicts the document, so it is ignored.
        placed.add(new ImagePackage(pkg, added, changed == null || changed < added ? added : changed));
      }
    }
    return new ImageSbom(sbom.subject(), sbom.distro(), placed, diffIds, sbom.warnings(), sbom.tool());
  }

  private SbomImport readJson(String name, byte[] content) throws SbomImportException {
    Map<String, String> topLevel = scanJson(name, content);
    if (topLevel.containsKey("bomFormat")) {
      if (!"CycloneDX".equals(topLevel.get("bomFormat"))) {
        throw new SbomImportException("failed to import SBOM " + name + ": unknown bomFormat '"
            + SbomImportContext.abbreviate(topLevel.get("bomFormat")) + "', expected CycloneDX");
      }
      return SbomImportCycloneDx.readJson(name, content, topLevel.get("specVersion"), context(name, "cyclonedx-import"));
    }
    if (topLevel.containsKey("spdxVersion")) {
      JsonNode root;
      try {
        root = mapper.readTree(content);
      } catch (IOException e) {
        throw new SbomImportException("failed to import SBOM " + name + ": " + e.getMessage(), e);
      }
      return SbomImportSpdx.read(name, root, context(name, "spdx-import"));
    }
    if (topLevel.getOrDefault("@context", "").contains("spdx.org/rdf/3")) {
      throw new SbomImportException("failed to import SBOM " + name
          + ": SPDX 3 (JSON-LD) is not supported; export SPDX 2.3 JSON or CycloneDX instead");
    }
    throw new SbomImportException("failed to import SBOM " + name
        + ": the JSON object has neither bomFormat (CycloneDX) nor spdxVersion (SPDX)");
  }

  /**
   * Reads the whole JSON document as a stream of tokens, which enforces the depth and string
   * limits and finds syntax errors without building a tree, and returns the top-level fields whose
   * values are strings. The text of every string is read, so that the string length limit
   * applies to the whole document and not only to the fields kept.
   */
  private Map<String, String> scanJson(String name, byte[] content) throws SbomImportException {
    Map<String, String> topLevel = new HashMap<>();
    try (JsonParser parser = mapper.getFactory().createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new SbomImportException("failed to import SBOM " + name + ": the JSON document is not an object");
      }
      int depth = 1;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          throw new SbomImportException("failed to import SBOM " + name + ": the JSON document ends early");
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
          String text = parser.getText();
          if (token == JsonToken.VALUE_STRING && depth == 1) {
            topLevel.putIfAbsent(parser.currentName(), text);
          }
        }
      }
      if (parser.nextToken() != null) {
        throw new SbomImportException("failed to import SBOM " + name + ": invalid JSON: content after the end of the"
            + " top-level object at line " + parser.currentLocation().getLineNr());
      }
    } catch (JsonProcessingException e) {
      throw new SbomImportException("failed to import SBOM " + name + ": invalid JSON: " + jsonProblem(e), e);
    } catch (IOException e) {
      throw new SbomImportException("failed to import SBOM " + name + ": " + e.getMessage(), e);
    }
    return topLevel;
  }

  private SbomImport readXml(String name, byte[] content) throws SbomImportException {
    String version = SbomImportXml.checkAndFindVersion(name, content, maxDepth, maxStringLength);
    return SbomImportCycloneDx.readXml(name, content, version, context(name, "cyclonedx-import"));
  }

  private SbomImportContext context(String name, String reader) {
    return new SbomImportContext(name, reader, maxWarnings);
  }

  private byte[] readBounded(String name, InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(chunk)) >= 0) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(name);
      }
      buffer.write(chunk, 0, n);
    }
    return buffer.toByteArray();
  }

  private SbomImportException tooLarge(String name) {
    return new SbomImportException("failed to import SBOM " + name + ": the file is larger than the limit of "
        + maxBytes + " bytes; raise the limit if the file is trusted");
  }

  /** Returns the index of the first byte that is neither a UTF-8 byte order mark nor white space, or -1. */
  private static int firstSignificantByte(byte[] content) {
    int i = 0;
    if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n')) {
      i++;
    }
    return i < content.length ? i : -1;
  }

  private static String describeUnknown(byte[] content, int start) {
    String head = new String(content, start, Math.min(64, content.length - start), StandardCharsets.UTF_8);
    if (head.startsWith("SPDXVersion:")) {
      return "SPDX tag-value documents are not supported; export SPDX JSON instead";
    }
    return "not a CycloneDX or SPDX document: it starts with neither '{' (JSON) nor '<' (XML)";
  }

  private static String jsonProblem(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (e.getLocation() != null) {
      message += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
    return message;
  }
}
