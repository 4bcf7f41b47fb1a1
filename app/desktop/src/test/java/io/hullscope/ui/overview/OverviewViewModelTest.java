package io.hullscope.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverviewViewModelTest {

  private final OverviewViewModel overview = new OverviewViewModel();

  @Test
  void revealToggleOffersRevealWhileMasked() {
    assertThat(overview.revealSecretsText().get()).isEqualTo("Reveal secrets");
  }

  @Test
  void revealToggleOffersHideWhileRevealed() {
    overview.revealSecretsProperty().set(true);

    assertThat(overview.revealSecretsText().get()).isEqualTo("Hide secrets");
  }

  @Test
  void hardeningFailureShowsReason() {
    overview.showHardening(null, "layer 2 was not read");

    assertThat(overview.gradeProperty().get()).isNull();
    assertThat(overview.gradeFailureProperty().get())
        .isEqualTo("The hardening checks could not run: layer 2 was not read");
  }

  @Test
  void revealHistoryIgnoresUnknownStep() {
    overview.revealHistory(3);

    assertThat(overview.highlightedHistoryProperty().get()).isEqualTo(-1);
  }
}
