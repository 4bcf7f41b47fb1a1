package io.hullscope.ui.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.source.ImageSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRowTest {

  private static final Digest DIGEST = Digest.sha256("a".repeat(64));

  @Test
  void emptyUserShowsRootUnset() {
    ImageRow row = new ImageRow(null, new ImageSummary("k", List.of("app:1"), DIGEST, 10, null, 2, "", List.of()));

    assertThat(row.user()).isEqualTo("root (unset)");
  }

  @Test
  void unknownUserStaysBlank() {
    ImageRow row = new ImageRow(null, new ImageSummary("k", List.of("app:1"), DIGEST, 10, null, -1, null, List.of()));

    assertThat(row.user()).isEmpty();
    assertThat(row.layerCount()).isEmpty();
  }

  @Test
  void digestIsShortened() {
    ImageRow row = new ImageRow(null, new ImageSummary("k", List.of(), DIGEST, 2048, null, 3, "app", List.of()));

    assertThat(row.shortDigest()).isEqualTo("sha256:aaaaaaaaaaaa");
    assertThat(row.reference()).isEqualTo("<none>@aaaaaaaaaaaa");
    assertThat(row.size()).isEqualTo("2.0 KiB");
  }
}
