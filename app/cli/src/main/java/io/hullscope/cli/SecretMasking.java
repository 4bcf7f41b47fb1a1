package io.hullscope.cli;

import java.util.List;
import java.util.Locale;

/**
 * Masks the values of environment variables whose names suggest a secret, such as
 * {@code DB_PASSWORD} or {@code API_TOKEN}, so that a report or a screen share does not show them.
 * The desktop uses the same rule for its Overview tab.
 */
public final class SecretMasking {

  /** Text shown in place of a masked value. */
  public static final String MASK = "********";

  private static final List<String> SECRET_WORDS =
      List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "PRIVATE");

  private SecretMasking() {}

  /** Returns true when the variable name contains one of the secret words, ignoring case. */
  public static boolean isSecretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(upper::contains);
  }

  /** Returns {@code NAME=value} with the value masked when the name is a secret name. */
  public static String maskEnvEntry(String entry) {
    int equals = entry.indexOf('=');
    if (equals < 0) {
      return entry;
    }
    String name = entry.substring(0, equals);
    return isSecretName(name) ? name + "=" + MASK : entry;
  }
}
