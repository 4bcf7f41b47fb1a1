package io.hullscope.ui;

import io.hullscope.image.Limits;
import io.hullscope.ui.prefs.LimitSettings;
import io.hullscope.ui.prefs.UserPreferences;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up settings of the window: the saved preferences with system properties set on the command
 * line taking precedence.
 *
 * @param samplesFolder folder of bundled sample images ({@code -Dhullscope.samples}); defaults to
 *     {@code samples/images} below the working directory
 * @param dockerHost daemon address ({@code -Dhullscope.docker.host}, else the preference), or null
 *     for DOCKER_HOST, the Docker context or the platform's default socket
 * @param limits bounds applied while reading images ({@code -Dhullscope.limits.*}, else the preferences)
 * @param backgroundThreads threads of the task executor ({@code -Dhullscope.threads}, else the preference)
 */
public record AppSettings(Path samplesFolder, String dockerHost, Limits limits, int backgroundThreads) {

  private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);

  /** Settings with the default limits and two background threads. */
  public AppSettings(Path samplesFolder, String dockerHost) {
    this(samplesFolder, dockerHost, Limits.DEFAULT, LimitSettings.DEFAULT.backgroundThreads());
  }

  /** Reads the settings from system properties over the default preferences. */
  public static AppSettings fromSystemProperties() {
    return of(UserPreferences.DEFAULT, System.getProperties());
  }

  /**
   * Merges system properties over the preferences. A property with an invalid value is logged and
   * ignored, so a typo on the command line does not stop the window from starting.
   */
  public static AppSettings of(UserPreferences preferences, Properties properties) {
    String samples = properties.getProperty("hullscope.samples");
    Path samplesFolder = samples != null ? Path.of(samples) : Path.of("samples", "images").toAbsolutePath();
    String dockerHost = properties.getProperty("hullscope.docker.host", preferences.dockerHost());
    LimitSettings saved = preferences.limits();
    LimitSettings merged = new LimitSettings(
        number(properties, "hullscope.limits.max-entry-size", saved.maxEntrySize()),
        number(properties, "hullscope.limits.max-layer-size", saved.maxLayerSize()),
        number(properties, "hullscope.limits.max-entries", saved.maxEntriesPerLayer()),
        number(properties, "hullscope.limits.max-metadata-size", saved.maxMetadataSize()),
        clampToInt(number(properties, "hullscope.threads", saved.backgroundThreads())));
    List<String> problems = merged.problems();
    if (!problems.isEmpty()) {
      LOG.warn("Ignoring the limits set by system properties: {}", String.join("; ", problems));
      merged = saved;
    }
    return new AppSettings(samplesFolder, dockerHost, merged.toLimits(), merged.backgroundThreads());
  }

  private static int clampToInt(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  private static long number(Properties properties, String name, long fallback) {
    String value = properties.getProperty(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      LOG.warn("Ignoring -D{}={}: expected a whole number", name, value);
      return fallback;
    }
  }
}
