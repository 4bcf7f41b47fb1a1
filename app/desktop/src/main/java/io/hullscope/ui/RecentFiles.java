package io.hullscope.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The archives and OCI layouts the user opened recently, newest first, kept in user preferences. */
public final class RecentFiles {

  private static final Logger LOG = LoggerFactory.getLogger(RecentFiles.class);
  private static final int MAX_FILES = 10;
  private static final String KEY_PREFIX = "recent.";

  private final Preferences preferences;

  public RecentFiles(Preferences preferences) {
    this.preferences = preferences;
  }

  /** Returns the remembered paths, newest first. */
  public List<Path> list() {
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < MAX_FILES; i++) {
      String value = preferences.get(KEY_PREFIX + i, null);
      if (value != null) {
        paths.add(Path.of(value));
      }
    }
    return paths;
  }

  /** Moves the path to the top of the list, dropping the oldest beyond the maximum of 10. */
  public void remember(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    List<Path> paths = new ArrayList<>(list());
    paths.remove(absolute);
    paths.add(0, absolute);
    for (int i = 0; i < MAX_FILES; i++) {
      if (i < paths.size()) {
        preferences.put(KEY_PREFIX + i, paths.get(i).toString());
      } else {
        preferences.remove(KEY_PREFIX + i);
      }
    }
    try {
      preferences.flush();
    } catch (BackingStoreException e) {
      LOG.warn("Saving the recent files list failed", e);
    }
  }
}
