package io.hullscope.ui.sources;

import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.ui.ErrorViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every docker save archive ({@code *.tar}) and OCI layout folder directly inside a folder, such as
 * the bundled training samples. An unreadable file is named in the status and skipped.
 */
public final class FolderSourceEntry extends SourceEntry {

  private static final Logger LOG = LoggerFactory.getLogger(FolderSourceEntry.class);

  private final Path folder;

  public FolderSourceEntry(String name, Path folder) {
    super(name, SourceKind.SAMPLES);
    this.folder = folder;
  }

  @Override
  public SourceListing load(ProgressListener progress) {
    closeOpenSources();
    if (folder == null || !Files.isDirectory(folder)) {
      return new SourceListing(List.of(), false, "Folder not found: " + folder);
    }
    List<Path> files;
    try {
      files = imageFiles();
    } catch (IOException e) {
      return new SourceListing(List.of(), false, "Cannot list " + folder + ": " + ErrorViewModel.summary(e));
    }
    List<ImageRow> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      progress.step("Reading " + file.getFileName());
      try {
        ImageSource source = FileSources.open(file);
        keepOpen(source);
        source.listImages().forEach(summary -> rows.add(new ImageRow(source, summary)));
      } catch (IOException | RuntimeException e) {
        LOG.warn("Skipping unreadable sample {}", file, e);
        problems.add(file.getFileName() + ": " + ErrorViewModel.summary(e));
      }
    }
    String status = rows.size() + (rows.size() == 1 ? " image" : " images");
    if (!problems.isEmpty()) {
      status += "; skipped " + String.join("; ", problems);
    }
    return new SourceListing(rows, true, status);
  }

  private List<Path> imageFiles() throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      return children
          .filter(path -> path.getFileName().toString().endsWith(".tar") || Files.exists(path.resolve("oci-layout")))
          .sorted()
          .toList();
    }
  }
}
