package io.hullscope.ui.sbom;

import io.hullscope.sbom.CycloneDxExporter;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SpdxExporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes an image's SBOM as a document file through the engine's exporters. */
final class SbomDocuments {

  private SbomDocuments() {}

  /**
   * Renders the SBOM in a format.
   *
   * @throws IllegalArgumentException when the SBOM names no image, which the exporters need
   */
  static String render(ImageSbom sbom, SbomFormat format, Instant timestamp) throws IOException {
    return switch (format) {
      case CYCLONEDX_JSON -> CycloneDxExporter.toJson(sbom, timestamp);
      case CYCLONEDX_XML -> CycloneDxExporter.toXml(sbom, timestamp);
      case SPDX_JSON -> SpdxExporter.toJson(sbom, timestamp);
    };
  }

  /** Renders the SBOM and writes it to a file, replacing the file if it exists. */
  static void write(ImageSbom sbom, SbomFormat format, Instant timestamp, Path target) throws IOException {
    String document = render(sbom, format, timestamp);
    try {
      Files.writeString(target, document, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("Failed to write " + target + ": " + e.getMessage()
          + ". Check that the folder exists and is writable.", e);
    }
  }

  /**
   * Returns a file name for the export, for example {@code hygiene-bad.cdx.json}: the last segment
   * of the image's repository, or {@code sbom} when the SBOM names no image.
   */
  static String suggestedFileName(ImageSbom sbom, SbomFormat format) {
    String name = sbom.subject() == null ? "sbom" : sbom.subject().displayName();
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    if (name.isEmpty()) {
      name = "sbom";
    }
    return name + format.suffix();
  }
}
