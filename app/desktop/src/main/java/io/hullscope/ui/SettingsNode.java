package io.hullscope.ui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.prefs.Preferences;

/**
 * Picks the preferences node for the window's small settings (theme, font size, recent files,
 * whether the samples gallery was shown). With {@code -Dhullscope.data=DIR} each data folder gets a
 * node of its own, so a second data folder starts as fresh as a new installation.
 */
final class SettingsNode {

  private SettingsNode() {}

  /** Returns the node for the data folder named by {@code dataProperty}, or the default node when it is null. */
  static Preferences forDataFolder(String dataProperty) {
    Preferences base = Preferences.userNodeForPackage(HullscopeApp.class);
    if (dataProperty == null || dataProperty.isBlank()) {
      return base;
    }
    return base.node("data").node(key(Path.of(dataProperty).toAbsolutePath().normalize().toString()));
  }

  /** Returns a short name for a folder; node names are limited to 80 characters, folder paths are not. */
  static String key(String folder) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(folder.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
