package io.hullscope.ui.prefs;

import io.hullscope.vuln.OsvDownloader;
import java.util.List;
import java.util.Optional;

/**
 * Settings the user chose in the Preferences dialog. The dialog edits a copy, and the store writes
 * it only when the user saves.
 *
 * @param dockerHost daemon address such as {@code unix:///run/user/1000/docker.sock}, or null to
 *     use {@code DOCKER_HOST}, the current Docker context or the platform default
 * @param registryHosts settings of registries the window reads images from
 * @param osvBase where OSV exports are downloaded from: a URL, a {@code file:} URL or a folder
 * @param ecosystems OSV ecosystems the on-start update downloads, for example {@code Debian}
 * @param updateSchedule whether the window refreshes the vulnerability data at start
 * @param updateAfterDays age in days of the data after which the on-start update runs
 * @param limits resource limits and background threads
 */
public record UserPreferences(
    String dockerHost,
    List<SavedRegistryHost> registryHosts,
    String osvBase,
    List<String> ecosystems,
    UpdateSchedule updateSchedule,
    int updateAfterDays,
    LimitSettings limits) {

  /** Version written to the file; a file with a higher version was written by a newer Hullscope. */
  public static final int FORMAT_VERSION = 1;

  static final int MIN_UPDATE_DAYS = 1;
  static final int MAX_UPDATE_DAYS = 365;

  public static final UserPreferences DEFAULT = new UserPreferences(null, List.of(), OsvDownloader.DEFAULT_BASE,
      List.of(), UpdateSchedule.NEVER, 7, LimitSettings.DEFAULT);

  public UserPreferences {
    dockerHost = dockerHost == null || dockerHost.isBlank() ? null : dockerHost.strip();
    registryHosts = List.copyOf(registryHosts);
    osvBase = osvBase == null || osvBase.isBlank() ? OsvDownloader.DEFAULT_BASE : osvBase.strip();
    ecosystems = ecosystems.stream().map(String::strip).filter(name -> !name.isEmpty()).distinct().toList();
    if (updateSchedule == null) {
      throw new IllegalArgumentException("update schedule is missing");
    }
    if (updateAfterDays < MIN_UPDATE_DAYS || updateAfterDays > MAX_UPDATE_DAYS) {
      throw new IllegalArgumentException("update age must be between " + MIN_UPDATE_DAYS + " and "
          + MAX_UPDATE_DAYS + " days, not " + updateAfterDays);
    }
    List<String> problems = limits.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Returns the saved settings of a registry host, if the user saved any. */
  public Optional<SavedRegistryHost> registryHost(String host) {
    return registryHosts.stream().filter(saved -> saved.host().equalsIgnoreCase(host)).findFirst();
  }
}
