package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentFilesTest {

  private final Preferences node = Preferences.userRoot().node("io/hullscope/test/recent-" + System.nanoTime());
  private final RecentFiles recent = new RecentFiles(node);

  @AfterEach
  void removeNode() throws BackingStoreException {
    node.removeNode();
  }

  @Test
  void newestFileComesFirst() {
    recent.remember(Path.of("/images/a.tar"));
    recent.remember(Path.of("/images/b.tar"));

    assertThat(recent.list()).containsExactly(Path.of("/images/b.tar"), Path.of("/images/a.tar"));
  }

  @Test
  void reopenedFileMovesToTop() {
    recent.remember(Path.of("/images/a.tar"));
    recent.remember(Path.of("/images/b.tar"));
    recent.remember(Path.of("/images/a.tar"));

    assertThat(recent.list()).containsExactly(Path.of("/images/a.tar"), Path.of("/images/b.tar"));
  }

  @Test
  void listKeepsTenFiles() {
    for (int i = 0; i < 12; i++) {
      recent.remember(Path.of("/images/" + i + ".tar"));
    }

    assertThat(recent.list()).hasSize(10);
    assertThat(recent.list().get(0)).isEqualTo(Path.of("/images/11.tar"));
    assertThat(recent.list()).doesNotContain(Path.of("/images/0.tar"), Path.of("/images/1.tar"));
  }
}
