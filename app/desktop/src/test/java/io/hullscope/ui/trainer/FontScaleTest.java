package io.hullscope.ui.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FontScaleTest {

  private final Preferences node = Preferences.userRoot().node("io/hullscope/test/font-scale-" + System.nanoTime());

  @AfterEach
  void removeNode() throws BackingStoreException {
    node.removeNode();
  }

  @Test
  void normalSizeLeavesStyleEmpty() {
    FontScale scale = new FontScale(TrainerSettings.inMemory());

    assertThat(scale.stepProperty().get()).isZero();
    assertThat(scale.rootStyle().get()).isEmpty();
    assertThat(scale.largeProperty().get()).isFalse();
  }

  @Test
  void largeFontsSetRootFontSize() {
    FontScale scale = new FontScale(TrainerSettings.inMemory());

    scale.setLarge(true);

    assertThat(scale.stepProperty().get()).isEqualTo(FontScale.LARGE_STEP);
    assertThat(scale.rootStyle().get()).isEqualTo("-fx-font-size: 21.0px;");
  }

  @Test
  void zoomStopsAtBothEnds() {
    FontScale scale = new FontScale(TrainerSettings.inMemory());

    scale.zoomOut();
    assertThat(scale.stepProperty().get()).isZero();
    for (int i = 0; i < 20; i++) {
      scale.zoomIn();
    }
    assertThat(scale.stepProperty().get()).isEqualTo(FontScale.PERCENT_STEPS.size() - 1);
    assertThat(scale.rootStyle().get()).isEqualTo("-fx-font-size: 35.0px;");

    scale.reset();
    assertThat(scale.rootStyle().get()).isEmpty();
  }

  @Test
  void stepIsRememberedAcrossStarts() {
    new FontScale(TrainerSettings.stored(node)).zoomIn();

    FontScale next = new FontScale(TrainerSettings.stored(node));

    assertThat(next.stepProperty().get()).isEqualTo(1);
    assertThat(next.rootStyle().get()).isEqualTo("-fx-font-size: 17.5px;");
  }

  @Test
  void storedStepOutOfRangeIsClamped() {
    node.putInt("trainer.fontStep", 99);

    assertThat(new FontScale(TrainerSettings.stored(node)).stepProperty().get())
        .isEqualTo(FontScale.PERCENT_STEPS.size() - 1);
  }

  @Test
  void galleryShownIsRemembered() {
    assertThat(TrainerSettings.stored(node).galleryShown()).isFalse();

    TrainerSettings.stored(node).setGalleryShown(true);

    assertThat(TrainerSettings.stored(node).galleryShown()).isTrue();
    assertThat(TrainerSettings.inMemory().galleryShown()).isTrue();
  }
}
