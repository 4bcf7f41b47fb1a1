package io.hullscope.ui.sources;

import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.ui.ErrorViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A docker save archive or OCI layout folder that the user opened. */
public final class FileSourceEntry extends SourceEntry {

  private final Path path;

  public FileSourceEntry(Path path) {
    super(String.valueOf(path.getFileName()), SourceKind.FILE);
    this.path = path;
  }

  public Path path() {
    return path;
  }

  @Override
  public SourceListing load(ProgressListener progress) {
    closeOpenSources();
    progress.step("Reading " + path);
    try {
      ImageSource source = FileSources.open(path);
      keepOpen(source);
      List<ImageRow> rows = source.listImages().stream().map(summary -> new ImageRow(source, summary)).toList();
      return new SourceListing(rows, true, path.toString());
    } catch (IOException | RuntimeException e) {
      return new SourceListing(List.of(), false, "Cannot read " + path + ": " + ErrorViewModel.summary(e));
    }
  }
}
