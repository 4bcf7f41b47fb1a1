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
}
