package io.hullscope.check;

import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.util.Arrays;
import java.util.List;

/** Builds image configs that set only the fields the user checks read. */
final class TestConfigs {

  private TestConfigs() {}

  /** Returns a config with this {@code User} (null for unset) and one history line per instruction. */
  static ImageConfig user(String user, String... history) {
    List<HistoryEntry> entries =
        Arrays.stream(history).map(line -> new HistoryEntry(null, line, null, true)).toList();
    return new ImageConfig(null, user, null, null, null, null, null, null, null, null, null, null, null, entries, null);
  }
}
