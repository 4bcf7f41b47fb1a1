package io.hullscope.cli;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CycloneDxExporter;
import io.hullscope.sbom.OsPackageCatalog;
import io.hullscope.sbom.Package;
import io.hullscope.sbom.PackageDatabaseFiles;
import io.hullscope.sbom.PythonPackageCatalog;
import io.hullscope.sbom.SbomSubject;
import io.hullscope.sbom.SpdxExporter;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hullscope sbom}: writes the image's OS and Python packages as a CycloneDX or SPDX document. */
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

  @Option(names = "--no-cache",
      description = "Accepted as in 'inspect'. sbom never uses the layer cache.")
  private boolean noCache;

  @Override
  public Integer call() throws IOException {
    Platform requested = PlatformOption.parse(image.platform, spec);
    ImageTarget imageTarget = new ImageTarget(image.target);
    String document;
    try (ImageSource source = imageTarget.openSource(image.dockerHost);
        Image image = imageTarget.open(source, requested, ProgressListener.NONE)) {
      document = export(image, Instant.now());
    }
    write(document);
    return 0;
  }

  private String export(Image image, Instant timestamp) throws IOException {
    PackageDatabaseFiles files = new PackageDatabaseFiles();
    ImageIndexer indexer = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(files));
    ImageAnalysis analysis = indexer.analyze(image, ProgressListener.NONE);
    OsPackageCatalog.Result os = OsPackageCatalog.catalog(analysis, files);
    List<Package> packages = new ArrayList<>(os.packages());
    packages.addAll(PythonPackageCatalog.catalog(analysis, files));
    SbomSubject subject = SbomSubject.of(image);
    switch (format) {
      case CYCLONEDX_XML:
        return CycloneDxExporter.toXml(subject, os.distro(), packages, timestamp);
      case SPDX_JSON:
        return SpdxExporter.toJson(subject, packages, timestamp);
      default:
        return CycloneDxExporter.toJson(subject, os.distro(), packages, timestamp);
    }
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
