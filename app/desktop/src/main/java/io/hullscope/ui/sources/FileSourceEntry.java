package io.hullscope.ui.sources;

import io.hullscope.image.ImageReadException;
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
      return new SourceListing(List.of(), false, unreadableStatus(path, e));
    }
  }

  /**
   * Returns why the file lists no images. The engine's own message already names the file and the
   * next step, so it is shown without a second "Cannot read" in front.
   */
  static String unreadableStatus(Path path, Exception failure) {
    if (failure instanceof ImageReadException) {
      return ErrorViewModel.summary(failure);
    }
    return "Cannot read " + path + ": " + ErrorViewModel.summary(failure)
        + "; choose a docker save archive or an OCI layout";
  }
}
