package io.hullscope.cli;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.CatalogWarning;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.CycloneDxExporter;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.sbom.SbomImport;
import io.hullscope.sbom.SbomImporter;
import io.hullscope.sbom.SpdxExporter;
import io.hullscope.store.AppPaths;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteCatalogCache;
import io.hullscope.store.SqliteLayerIndexCache;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hullscope sbom}: writes the image's packages as a CycloneDX or SPDX document. Files whose
 * packages could not be read are listed on standard error; the document is still written.
 */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a software bill of materials of the image's OS and Python packages.",
      "Every layer is read again: the layer cache is never used, because a cached layer's"
          + " package database files are not read."
    })
final class SbomCommand implements Callable<Integer> {

  /** Output formats of {@code --format}, named as the user types them. */
  enum Format {
    CYCLONEDX_JSON("cyclonedx-json"),
    CYCLONEDX_XML("cyclonedx-xml"),
    SPDX_JSON("spdx-json");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }

    static Format parse(String text) {
      for (Format format : values()) {
        if (format.label.equals(text)) {
          return format;
        }
      }
      throw new IllegalArgumentException(
          "Invalid SBOM format '" + text + "'. Use cyclonedx-json, cyclonedx-xml or spdx-json.");
    }
  }

  @Spec private CommandSpec spec;

  @Mixin private ImageOptions image;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "cyclonedx-json",
      converter = FormatConverter.class,
      description = "Document format: cyclonedx-json (default), cyclonedx-xml or spdx-json.")
  private Format format;

  @Option(names = "--output", paramLabel = "FILE", description = "File to write the document to. Default: stdout.")
  private Path output;

  @Option(names = "--compare", paramLabel = "FILE",
      description = "Instead of writing our SBOM, compare it with an SBOM another tool made (CycloneDX JSON or XML up to"
          + " 1.7, SPDX 2.2 or 2.3 JSON) and list what differs.")
  private Path compare;

  @Option(names = "--no-cache",
      description = "Read every layer again instead of using the layer and package caches.")
  private boolean noCache;

  @Override
  public Integer call() throws IOException {
    Platform requested = PlatformOption.parse(image.platform, spec);
    ImageTarget imageTarget = new ImageTarget(image.target);
    SbomImport theirs = compare == null ? null : new SbomImporter().read(compare);
    String document;
    try (ImageSource source = imageTarget.openSource(image.dockerHost);
        Image image = imageTarget.open(source, requested, ProgressListener.NONE)) {
      ImageSbom ours = collectAndWarn(image);
      document = theirs == null ? export(ours, Instant.now()) : ComparisonText.write(ours, theirs, compare);
    }
    write(document);
    return 0;
  }

  private ImageSbom collectAndWarn(Image image) throws IOException {
    ImageSbom sbom = noCache ? collect(image, LayerIndexCache.NONE, CatalogCache.NONE) : collectWithCache(image);
    PrintWriter err = spec.commandLine().getErr();
    for (CatalogWarning warning : sbom.warnings()) {
      err.println("warning: skipped " + warning);
    }
    err.flush();
    return sbom;
  }

  private String export(ImageSbom sbom, Instant timestamp) throws IOException {
    switch (format) {
      case CYCLONEDX_XML:
        return CycloneDxExporter.toXml(sbom, timestamp);
      case SPDX_JSON:
        return SpdxExporter.toJson(sbom, timestamp);
      default:
        return CycloneDxExporter.toJson(sbom, timestamp);
    }
  }

  private static ImageSbom collectWithCache(Image image) throws IOException {
    Files.createDirectories(AppPaths.dataDir());
    try (Database database = Database.open(AppPaths.databaseFile())) {
      return collect(image, new SqliteLayerIndexCache(database), new SqliteCatalogCache(database));
    }
  }

  private static ImageSbom collect(Image image, LayerIndexCache indexCache, CatalogCache catalogCache)
      throws IOException {
    SbomCollector collector = new SbomCollector(Catalogers.defaults(), catalogCache);
    ImageAnalysis analysis = new ImageIndexer(indexCache, Limits.DEFAULT, List.of(collector))
        .analyze(image, ProgressListener.NONE);
    return collector.build(analysis, CycloneDxExporter.TOOL_NAME + " " + CycloneDxExporter.TOOL_VERSION);
  }

  private void write(String document) throws IOException {
    if (output != null) {
      try {
        Files.writeString(output, document, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException(
            "Failed to write the SBOM to " + output + ": " + e.getMessage() + ". Check that the folder exists and is writable.", e);
      }
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(document);
    out.flush();
  }

  /** Converter of the {@code --format} text. An unknown name is a usage error (exit 2). */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
