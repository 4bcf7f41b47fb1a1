package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

class SettingsNodeTest {

  @Test
  void withoutDataFolderUsesThePackageNode() {
    assertThat(SettingsNode.forDataFolder(null).absolutePath())
        .isEqualTo(Preferences.userNodeForPackage(HullscopeApp.class).absolutePath());
    assertThat(SettingsNode.forDataFolder(" ").absolutePath())
        .isEqualTo(Preferences.userNodeForPackage(HullscopeApp.class).absolutePath());
  }

  @Test
  void eachDataFolderHasItsOwnNode() {
    String first = SettingsNode.forDataFolder("/tmp/one").absolutePath();
    String second = SettingsNode.forDataFolder("/tmp/two").absolutePath();

    assertThat(first).isNotEqualTo(second).startsWith("/io/hullscope/ui/data/");
    assertThat(SettingsNode.forDataFolder("/tmp/one/../one/").absolutePath()).isEqualTo(first);
  }

  @Test
  void keyFitsANodeNameForLongPaths() {
    String key = SettingsNode.key("/" + "very-long-folder-name/".repeat(50));

    assertThat(key).hasSize(16).matches("[0-9a-f]+");
  }
}
