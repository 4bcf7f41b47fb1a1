package io.hullscope.ui.sources;

import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.ui.ErrorViewModel;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local Docker daemon. When it cannot be reached, the status line shows the reason. */
public final class DockerSourceEntry extends SourceEntry {

  private static final Logger LOG = LoggerFactory.getLogger(DockerSourceEntry.class);

  private final Supplier<ImageSource> connector;

  /** @param connector creates the daemon source; called on a worker thread at each load */
  public DockerSourceEntry(Supplier<ImageSource> connector) {
    super("Local Docker", SourceKind.DOCKER);
    this.connector = connector;
  }

  @Override
  public SourceListing load(ProgressListener progress) {
    closeOpenSources();
    progress.step("Connecting to the Docker daemon");
    try {
      ImageSource source = connector.get();
      keepOpen(source);
      List<ImageSummary> images = source.listImages();
      List<ImageRow> rows = images.stream().map(summary -> new ImageRow(source, summary)).toList();
      return new SourceListing(rows, true, "Connected, " + rows.size() + (rows.size() == 1 ? " image" : " images"));
    } catch (IOException | RuntimeException e) {
      LOG.info("Docker daemon is not reachable: {}", e.toString());
      return new SourceListing(List.of(), false, "Not reachable: " + ErrorViewModel.summary(e));
    }
  }
}
