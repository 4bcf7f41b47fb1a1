package io.hullscope.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyboardShortcutsTest {

  @Test
  void plainDropsMnemonicAndEllipsis() {
    assertThat(KeyboardShortcuts.plain("_Open Archive...")).isEqualTo("Open Archive");
    assertThat(KeyboardShortcuts.plain("Open Re_gistry Image...")).isEqualTo("Open Registry Image");
    assertThat(KeyboardShortcuts.plain("SBOM")).isEqualTo("SBOM");
    assertThat(KeyboardShortcuts.plain(null)).isEmpty();
  }
}
