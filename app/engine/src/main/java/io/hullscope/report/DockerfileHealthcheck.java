package io.hullscope.report;

import io.hullscope.image.Healthcheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code HEALTHCHECK} instructions from a config's health check or from the history line
 * that recorded it.
 *
 * <p>Both builders record the health check with Go's {@code %q} verb on the config struct, for
 * example {@code &{["CMD-SHELL" "curl -f http://localhost/"] "30s" "3s" "0s" "0s" '\x03'}}: the test,
 * then the interval, timeout, start period and (since Docker 25) start interval as quoted Go
 * durations, then the retry count as a quoted character.
 */
final class DockerfileHealthcheck {

  private static final String[] DURATION_FLAGS = {"--interval=", "--timeout=", "--start-period=", "--start-interval="};

  /** A health check recorded as Dockerfile text: options, then {@code CMD [...]}. */
  private static final Pattern LITERAL = Pattern.compile("^((?:--\\S+\\s+)*)CMD\\s+(\\[.*\\])$");

  private DockerfileHealthcheck() {}

  /** Parses the argument text of a recorded {@code HEALTHCHECK} at history {@code index}. */
  static DockerfileStep parse(String rest, int index) {
    if (!rest.startsWith("&{")) {
      // Another tool may record the Dockerfile text itself; its exec-form list may be Go-quoted.
      Matcher literal = LITERAL.matcher(rest);
      List<String> list = literal.matches() ? DockerfileSyntax.quotedList(literal.group(2)) : null;
      String text = list == null ? rest : literal.group(1) + "CMD " + DockerfileSyntax.jsonArray(list);
      return new DockerfileStep("HEALTHCHECK", List.of(text), false, List.of(), index, false);
    }
    int close = rest.indexOf(']');
    List<String> test = close < 0 ? null : DockerfileSyntax.quotedList(rest.substring(2, close + 1));
    if (test == null) {
      return unreadable(rest, index);
    }
    List<String> durations = new ArrayList<>();
    int[] position = {close + 1};
    while (true) {
      while (position[0] < rest.length() && rest.charAt(position[0]) == ' ') {
        position[0]++;
      }
      if (position[0] >= rest.length() || rest.charAt(position[0]) != '"') {
        break;
      }
      String duration = DockerfileSyntax.quotedString(rest, position);
      if (duration == null) {
        return unreadable(rest, index);
      }
      durations.add(duration);
    }
    Integer retries = retries(rest.substring(position[0]));
    List<String> values = new ArrayList<>();
    for (int i = 0; i < durations.size() && i < DURATION_FLAGS.length; i++) {
      String duration = durations.get(i);
      if (!duration.isEmpty() && !"0s".equals(duration)) {
        values.add(DURATION_FLAGS[i] + duration);
      }
    }
    if (retries != null && retries > 0) {
      values.add("--retries=" + retries);
    }
    values.addAll(test(test));
    return new DockerfileStep("HEALTHCHECK", values, false, List.of(), index, false);
  }

  /** Builds the instruction for a config's health check, for images whose history lacks it. */
  static DockerfileStep fromConfig(Healthcheck healthcheck) {
    List<String> values = new ArrayList<>();
    addDuration(values, "--interval=", healthcheck.interval());
    addDuration(values, "--timeout=", healthcheck.timeout());
    addDuration(values, "--start-period=", healthcheck.startPeriod());
    if (healthcheck.retries() != null && healthcheck.retries() > 0) {
      values.add("--retries=" + healthcheck.retries());
    }
    values.addAll(test(healthcheck.test()));
    return DockerfileStep.added("HEALTHCHECK", values, false, List.of());
  }

  private static void addDuration(List<String> values, String flag, Duration duration) {
    if (duration != null && !duration.isZero() && !duration.isNegative()) {
      values.add(flag + goDuration(duration));
    }
  }

  /** Writes a duration the way the Dockerfile flags read it, for example {@code 1m30s} or {@code 500ms}. */
  static String goDuration(Duration duration) {
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0) {
      out.append(millis).append("ms");
    }
    return out.isEmpty() ? "0s" : out.toString();
  }

  /** Writes the test part: {@code NONE}, {@code CMD ["a", "b"]} or {@code CMD shell text}. */
  private static List<String> test(List<String> test) {
    if (test.isEmpty() || "NONE".equals(test.get(0))) {
      return List.of("NONE");
    }
    String kind = test.get(0);
    List<String> args = test.subList(1, test.size());
    if ("CMD-SHELL".equals(kind)) {
      return List.of("CMD", String.join(" ", args));
    }
    if ("CMD".equals(kind)) {
      return List.of("CMD", DockerfileSyntax.jsonArray(args));
    }
    // A test without the kind word is an exec-form command, as the Engine API reads it.
    return List.of("CMD", DockerfileSyntax.jsonArray(test));
  }

  /** Reads the retry count printed as a Go character literal such as {@code '\x03'}, or as a number. */
  private static Integer retries(String rest) {
    String text = rest.strip();
    if (text.endsWith("}")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    if (text.length() >= 3 && text.startsWith("'") && text.endsWith("'")) {
      String inner = text.substring(1, text.length() - 1);
      if (inner.startsWith("\\")) {
        StringBuilder out = new StringBuilder();
        int consumed = DockerfileSyntax.escape(inner, 0, out);
        return consumed == inner.length() && !out.isEmpty() ? out.codePointAt(0) : null;
      }
      return inner.codePointCount(0, inner.length()) == 1 ? inner.codePointAt(0) : null;
    }
    try {
      return text.isEmpty() ? null : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static DockerfileStep unreadable(String rest, int index) {
    return DockerfileStep.comment(List.of("History step " + (index + 1) + " recorded a health check that could not"
        + " be read:", "  HEALTHCHECK " + rest), index);
  }
}
