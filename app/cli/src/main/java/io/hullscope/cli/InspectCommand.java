package io.hullscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hullscope.check.PasswdFiles;
import io.hullscope.check.UserVerdict;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.ImageSource;
import io.hullscope.store.AppPaths;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteAccountFileCache;
import io.hullscope.store.SqliteLayerIndexCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hullscope inspect}: prints an image's summary, config, layers and file statistics. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Prints an image's summary, config, layers and file statistics.")
final class InspectCommand implements Callable<Integer> {

  /** Output formats of {@code --format}. */
  enum Format { text, json }

  @Spec private CommandSpec spec;

  @Mixin private ImageOptions image;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
  private Format format;

  @Option(names = "--no-cache", description = "Index every layer again instead of using the layer cache.")
  private boolean noCache;

  @Override
  public Integer call() throws IOException {
    Platform wanted = PlatformOption.parse(image.platform, spec);
    ImageTarget imageTarget = new ImageTarget(image.target, image);
    InspectReport report;
    try (ImageSource source = imageTarget.openSource(image.dockerHost);
        Image image = imageTarget.open(source, wanted, ProgressListener.NONE)) {
      report = noCache ? report(image, LayerIndexCache.NONE, new PasswdFiles()) : reportWithCache(image);
    }
    print(report);
    return 0;
  }

  private static InspectReport reportWithCache(Image image) throws IOException {
    Files.createDirectories(AppPaths.dataDir());
    try (Database database = Database.open(AppPaths.databaseFile())) {
      PasswdFiles accounts = new PasswdFiles(PasswdFiles.DEFAULT_MAX_FILE_BYTES, new SqliteAccountFileCache(database));
      return report(image, new SqliteLayerIndexCache(database), accounts);
    }
  }

  /** Indexes the image once, collecting its account files, and builds the report with the user verdict. */
  private static InspectReport report(Image image, LayerIndexCache cache, PasswdFiles accounts) throws IOException {
    ImageAnalysis analysis = new ImageIndexer(cache, Limits.DEFAULT, List.of(accounts))
        .analyze(image, ProgressListener.NONE);
    return InspectReport.of(analysis, UserVerdict.of(image.config(), accounts.database(analysis)));
  }

  private void print(InspectReport report) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(report));
      out.flush();
    } else {
      new TextReportWriter(out).write(report);
    }
  }
}
