package io.hullscope.ui.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.index.TreeNode;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.OpenedImage;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file viewer masks secrets in credential files until the user reveals them. */
class FileContentMaskingTest {

  private static final String TOKEN = "npm_0123456789abcdefghijklmnopqrstuvwxyz";

  @TempDir Path folder;

  private final FileContentViewModel content =
      new FileContentViewModel(new SameThreadTaskExecutor(), new FileContentReader(Limits.DEFAULT));
  private ImageSource source;
  private ImageAnalysis analysis;

  @BeforeEach
  void open() throws Exception {
    Path archive = ImageArchiveBuilder.dockerSave(ImageArchiveBuilder.image()
        .layer(new TarBuilder().dir("root")
            .file("root/.npmrc", "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=" + TOKEN + "\n")
            .file("root/notes.txt", "nothing secret here\n")
            .build())
        .history("COPY root /root")
        .reference("example.com/masking:1"))
        .writeTar(folder.resolve("masking.tar"));
    source = FileSources.open(archive);
    ImageAnalyzer analyzer = new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT);
    OpenedImage opened = analyzer.analyze(new ImageRow(source, source.listImages().get(0)), null,
        ProgressListener.NONE);
    analysis = opened.analysis();
  }

  @AfterEach
  void close() throws Exception {
    ImageAnalyzer.closeQuietly(analysis.image());
    source.close();
  }

  private TreeNode node(String path) {
    return analysis.squashed(0).find(path).orElseThrow();
  }

  @Test
  void credentialFileMaskedUntilRevealed() {
    content.show(analysis, 0, node("root/.npmrc"));

    assertThat(content.maskableProperty().get()).isTrue();
    assertThat(content.textProperty().get()).contains("_authToken=npm_…(40 chars)");
    assertThat(content.textProperty().get()).doesNotContain(TOKEN);

    content.revealSecretsProperty().set(true);

    assertThat(content.textProperty().get()).contains("_authToken=" + TOKEN);
  }

  @Test
  void nextFileStartsMaskedAgain() {
    content.show(analysis, 0, node("root/.npmrc"));
    content.revealSecretsProperty().set(true);

    content.show(analysis, 0, node("root/.npmrc"));

    assertThat(content.revealSecretsProperty().get()).isFalse();
    assertThat(content.textProperty().get()).doesNotContain(TOKEN);
  }

  @Test
  void plainFileHasNothingToReveal() {
    content.show(analysis, 0, node("root/notes.txt"));

    assertThat(content.maskableProperty().get()).isFalse();
    assertThat(content.textProperty().get()).isEqualTo("1  nothing secret here\n");
  }
}
