package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPathsTest {

  @Test
  void propertyOverridesEverything() {
    Path dir = AppPaths.dataDir("/tmp/custom", "Linux", "/home/u", Map.of("XDG_DATA_HOME", "/xdg"));

    assertThat(dir).isEqualTo(Path.of("/tmp/custom"));
  }

  @Test
  void linuxUsesXdgDataHome() {
    assertThat(AppPaths.dataDir(null, "Linux", "/home/u", Map.of("XDG_DATA_HOME", "/xdg")))
        .isEqualTo(Path.of("/xdg/hullscope"));
  }

  @Test
  void linuxIgnoresRelativeXdgDataHome() {
    assertThat(AppPaths.dataDir(null, "Linux", "/home/u", Map.of("XDG_DATA_HOME", "relative")))
        .isEqualTo(Path.of("/home/u/.local/share/hullscope"));
  }

  @Test
  void linuxDefaultsToLocalShare() {
    assertThat(AppPaths.dataDir(null, "Linux", "/home/u", Map.of()))
        .isEqualTo(Path.of("/home/u/.local/share/hullscope"));
  }

  @Test
  void windowsUsesAppData() {
    assertThat(AppPaths.dataDir(null, "Windows 11", "/home/u", Map.of("APPDATA", "/appdata")))
        .isEqualTo(Path.of("/appdata/Hullscope"));
  }

  @Test
  void macUsesApplicationSupport() {
    assertThat(AppPaths.dataDir(null, "Mac OS X", "/Users/u", Map.of()))
        .isEqualTo(Path.of("/Users/u/Library/Application Support/Hullscope"));
  }

  @Test
  void systemPropertyIsRead() {
    String previous = System.getProperty(AppPaths.DATA_PROPERTY);
    System.setProperty(AppPaths.DATA_PROPERTY, "/tmp/hullscope-test-data");
    try {
      assertThat(AppPaths.dataDir()).isEqualTo(Path.of("/tmp/hullscope-test-data"));
      assertThat(AppPaths.databaseFile()).isEqualTo(Path.of("/tmp/hullscope-test-data/hullscope.db"));
    } finally {
      if (previous == null) {
        System.clearProperty(AppPaths.DATA_PROPERTY);
      } else {
        System.setProperty(AppPaths.DATA_PROPERTY, previous);
      }
    }
  }
}
