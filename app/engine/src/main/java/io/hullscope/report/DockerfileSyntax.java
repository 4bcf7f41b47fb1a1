package io.hullscope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes Dockerfile instructions and reads the Go-quoted lists that builders record in history.
 *
 * <p>The Dockerfile rules are those of https://docs.docker.com/reference/dockerfile/: exec-form
 * arguments are a JSON array, {@code ENV} and {@code LABEL} values with spaces are double-quoted,
 * and a line break inside {@code RUN} needs a here-document.
 */
final class DockerfileSyntax {

  /** Values that need no quoting in {@code ENV}, {@code LABEL} and {@code ARG}. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:,+@%=<>-]+");

  private DockerfileSyntax() {}

  /** Returns the instruction line (or lines, for a here-document) of a step without its comments. */
  static String instruction(DockerfileStep step) {
    String keyword = step.keyword();
    List<String> values = step.values();
    return switch (keyword) {
      case "RUN" -> run(values.isEmpty() ? "" : values.get(0));
      case "ENV", "LABEL", "ARG" -> keyword + " " + String.join(" ", values.stream().map(DockerfileSyntax::pair).toList());
      case "EXPOSE" -> "EXPOSE " + String.join(" ", values);
      case "COPY", "ADD" -> keyword + " " + copyArguments(values);
      case "CMD", "ENTRYPOINT", "SHELL", "VOLUME" -> keyword + " "
          + (step.execForm() ? jsonArray(values) : String.join(" ", values));
      default -> values.isEmpty() ? keyword : keyword + " " + String.join(" ", values);
    };
  }

  /** Writes a RUN command; a command with line breaks becomes a here-document, which needs BuildKit. */
  private static String run(String command) {
    if (!command.contains("\n")) {
      return "RUN " + command;
    }
    String marker = "EOF";
    while (command.contains(marker)) {
      marker = marker + "_";
    }
    return "RUN <<" + marker + "\n" + command + "\n" + marker;
  }

  /** Writes one {@code KEY=VALUE} pair (or a bare {@code KEY}) with the value quoted when needed. */
  static String pair(String pair) {
    int equals = pair.indexOf('=');
    if (equals < 0) {
      return pair;
    }
    return quoteIfNeeded(pair.substring(0, equals)) + "=" + quoteIfNeeded(pair.substring(equals + 1));
  }

  /** Double-quotes a word when it has characters the Dockerfile parser would split or expand. */
  static String quoteIfNeeded(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\' || c == '$') {
        out.append('\\');
      }
      out.append(c == '\n' ? ' ' : c);
    }
    return out.append('"').toString();
  }

  /** Writes COPY or ADD arguments; the JSON form is used when a path has a space. */
  private static String copyArguments(List<String> values) {
    List<String> flags = values.stream().filter(v -> v.startsWith("--")).toList();
    List<String> paths = values.stream().filter(v -> !v.startsWith("--")).toList();
    boolean spaces = paths.stream().anyMatch(p -> p.chars().anyMatch(Character::isWhitespace));
    String joinedPaths = spaces ? jsonArray(paths) : String.join(" ", paths);
    return flags.isEmpty() ? joinedPaths : String.join(" ", flags) + " " + joinedPaths;
  }

  /** Writes a JSON array of strings, as exec-form instructions need. */
  static String jsonArray(List<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String value : values) {
      quoted.add(jsonString(value));
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  /** Writes a JSON string literal. */
  static String jsonString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * Reads the strings of a bracketed list as Go's {@code %q} verb prints it ({@code ["a" "b"]}) or
   * as JSON ({@code ["a", "b"]}). Returns null when the text is not such a list.
   */
  static List<String> quotedList(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
      return null;
    }
    List<String> values = new ArrayList<>();
    int[] position = {1};
    int end = trimmed.length() - 1;
    while (true) {
      skipSeparators(trimmed, position, end);
      if (position[0] >= end) {
        return values;
      }
      if (trimmed.charAt(position[0]) != '"') {
        return null;
      }
      String value = quotedString(trimmed, position);
      if (value == null) {
        return null;
      }
      values.add(value);
    }
  }

  private static void skipSeparators(String text, int[] position, int end) {
    while (position[0] < end && (text.charAt(position[0]) == ',' || Character.isWhitespace(text.charAt(position[0])))) {
      position[0]++;
    }
  }

  /**
   * Reads one Go or JSON double-quoted string starting at {@code position[0]} and moves the position
   * past it. Returns null when the string is not closed or has an invalid escape.
   */
  static String quotedString(String text, int[] position) {
    int i = position[0];
    if (i >= text.length() || text.charAt(i) != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder();
    i++;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        position[0] = i + 1;
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      int consumed = escape(text, i, out);
      if (consumed < 0) {
        return null;
      }
      i += consumed;
    }
    return null;
  }

  /**
   * Decodes the Go escape sequence at {@code start} (a backslash) into {@code out}; returns how many
   * characters it took, or -1 when it is invalid.
   */
  static int escape(String text, int start, StringBuilder out) {
    if (start + 1 >= text.length()) {
      return -1;
    }
    char kind = text.charAt(start + 1);
    switch (kind) {
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case '\\', '"', '\'', '/' -> out.append(kind);
      case 'x', 'u', 'U' -> {
        int digits = 8;
        if (kind == 'x') {
          digits = 2;
        } else if (kind == 'u') {
          digits = 4;
        }
        if (start + 2 + digits > text.length()) {
          return -1;
        }
        try {
          int codePoint = Integer.parseInt(text.substring(start + 2, start + 2 + digits), 16);
          if (!Character.isValidCodePoint(codePoint)) {
            return -1;
          }
          out.appendCodePoint(codePoint);
        } catch (NumberFormatException e) {
          return -1;
        }
        return 2 + digits;
      }
      default -> {
        if (kind >= '0' && kind <= '7' && start + 4 <= text.length()) {
          try {
            out.append((char) Integer.parseInt(text.substring(start + 1, start + 4), 8));
            return 4;
          } catch (NumberFormatException e) {
            return -1;
          }
        }
        return -1;
      }
    }
    return 2;
  }
}
