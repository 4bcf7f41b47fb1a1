package io.hullscope.ui.trainer;

import io.hullscope.check.HygieneGrade;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.OpenedImage;
import io.hullscope.ui.sources.ImageRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Grades a sample archive for its gallery card; runs on a worker thread. */
@FunctionalInterface
public interface SampleGrader {

  HygieneGrade grade(Path sample, ProgressListener progress) throws Exception;

  /**
   * Returns a grader that analyses the first image of the archive as the Overview does, so the
   * card shows the same grade as the opened image.
   */
  static SampleGrader using(ImageAnalyzer analyzer) {
    return (sample, progress) -> {
      try (ImageSource source = FileSources.open(sample)) {
        List<ImageSummary> images = source.listImages();
        if (images.isEmpty()) {
          throw new IOException(sample.getFileName() + " contains no image");
        }
        OpenedImage opened = analyzer.analyze(new ImageRow(source, images.get(0)), null, progress);
        try {
          if (opened.hardening() == null) {
            throw new IOException("the hardening checks could not run: " + opened.hardeningFailure());
          }
          return opened.hardening().grade();
        } finally {
          ImageAnalyzer.closeQuietly(opened.analysis().image());
        }
      }
    };
  }
}
