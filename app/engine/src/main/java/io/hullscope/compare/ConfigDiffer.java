package io.hullscope.compare;

import io.hullscope.check.Redaction;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.ImageConfig;
import io.hullscope.report.ReportRedaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Lists the differences between two image configs, with secret-looking values masked. */
final class ConfigDiffer {

  private ConfigDiffer() {}

  static List<ConfigChange> compare(ImageConfig left, ImageConfig right) {
    List<ConfigChange> changes = new ArrayList<>();
    single(changes, "User", userText(left.user()), userText(right.user()));
    single(changes, "Platform", String.valueOf(left.platform()), String.valueOf(right.platform()));
    single(changes, "Entrypoint", maskText(left.entrypoint().toString()), maskText(right.entrypoint().toString()));
    single(changes, "Cmd", maskText(left.cmd().toString()), maskText(right.cmd().toString()));
    single(changes, "WorkingDir", emptyIfNull(left.workingDir()), emptyIfNull(right.workingDir()));
    single(changes, "StopSignal", emptyIfNull(left.stopSignal()), emptyIfNull(right.stopSignal()));
    single(changes, "Healthcheck", healthcheckText(left.healthcheck()), healthcheckText(right.healthcheck()));
    keyed(changes, "Env", env(left.env()), env(right.env()));
    keyed(changes, "Labels", new TreeMap<>(left.labels()), new TreeMap<>(right.labels()));
    members(changes, "ExposedPorts", left.exposedPorts(), right.exposedPorts());
    members(changes, "Volumes", left.volumes(), right.volumes());
    return changes;
  }

  /** Returns the user a container runs as: an unset user means root. */
  static String userText(String user) {
    return user == null || user.isEmpty() ? "(unset: root)" : user;
  }

  /** Returns the test command and the options that are set, for example {@code CMD /app/server (retries 3)}. */
  static String healthcheckText(Healthcheck healthcheck) {
    if (healthcheck == null) {
      return "(none)";
    }
    StringBuilder text = new StringBuilder(maskText(String.join(" ", healthcheck.test())));
    List<String> options = new ArrayList<>();
    if (healthcheck.interval() != null) {
      options.add("interval " + healthcheck.interval());
    }
    if (healthcheck.timeout() != null) {
      options.add("timeout " + healthcheck.timeout());
    }
    if (healthcheck.startPeriod() != null) {
      options.add("start period " + healthcheck.startPeriod());
    }
    if (healthcheck.retries() != null) {
      options.add("retries " + healthcheck.retries());
    }
    if (!options.isEmpty()) {
      text.append(" (").append(String.join(", ", options)).append(')');
    }
    return text.toString();
  }

  private static String emptyIfNull(String text) {
    return text == null ? "" : text;
  }

  private static void single(List<ConfigChange> changes, String field, String before, String after) {
    if (!before.equals(after)) {
      changes.add(new ConfigChange(field, "", before, after));
    }
  }

  /** Compares raw values, so a changed secret counts as changed even when both mask alike. */
  private static void keyed(List<ConfigChange> changes, String field, Map<String, String> before,
      Map<String, String> after) {
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      String was = before.get(key);
      String now = after.get(key);
      if (!Objects.equals(was, now)) {
        changes.add(new ConfigChange(field, key, mask(key, was), mask(key, now)));
      }
    }
  }

  private static void members(List<ConfigChange> changes, String field, Set<String> before, Set<String> after) {
    for (String member : new TreeSet<>(before)) {
      if (!after.contains(member)) {
        changes.add(new ConfigChange(field, member, member, null));
      }
    }
    for (String member : new TreeSet<>(after)) {
      if (!before.contains(member)) {
        changes.add(new ConfigChange(field, member, null, member));
      }
    }
  }

  /**
   * Splits {@code NAME=value} lines into a map. A line without {@code =} is kept with an empty
   * value; a later line of the same name wins, as it does at run time.
   */
  private static Map<String, String> env(List<String> lines) {
    Map<String, String> values = new TreeMap<>();
    for (String line : lines) {
      int equals = line.indexOf('=');
      String name = equals < 0 ? line : line.substring(0, equals);
      String value = equals < 0 ? "" : line.substring(equals + 1);
      values.put(name, value);
    }
    return values;
  }

  /**
   * Masks the whole value when {@link ReportRedaction} treats its name as secret, and the passwords
   * of URLs in any other value. Null stays null.
   */
  static String mask(String name, String value) {
    if (value == null) {
      return null;
    }
    String pair = name + "=" + value;
    if (!ReportRedaction.redact(pair).equals(pair)) {
      return ReportRedaction.MASK;
    }
    return Redaction.urlCredentials(value);
  }

  /** Masks secret-looking assignments and URL passwords inside free text such as a command line. */
  static String maskText(String text) {
    return ReportRedaction.redact(Redaction.urlCredentials(text));
  }
}
