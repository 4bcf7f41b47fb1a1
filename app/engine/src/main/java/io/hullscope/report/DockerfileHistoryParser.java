package io.hullscope.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one {@code created_by} history line back into a Dockerfile instruction.
 *
 * <p>Forms recognised, as Docker's classic builder (moby {@code builder/dockerfile}) and BuildKit's
 * Dockerfile frontend record them:
 * <ul>
 *   <li>classic metadata: {@code /bin/sh -c #(nop)  CMD ["bash"]}, {@code #(nop) WORKDIR /app};
 *   <li>classic copies: {@code #(nop) ADD file:<hash> in /}, {@code #(nop) COPY dir:<hash> in /app}
 *       (the source is only a content hash);
 *   <li>classic RUN: {@code /bin/sh -c apt-get ...}, with build arguments {@code |2 A=b C=d /bin/sh -c ...};
 *   <li>BuildKit: {@code RUN /bin/sh -c ... # buildkit}, {@code RUN |1 A=b /bin/sh -c ... # buildkit},
 *       {@code COPY . /app # buildkit}, and metadata such as {@code ENV A=b}, {@code EXPOSE map[8080/tcp:{}]},
 *       {@code HEALTHCHECK &{["CMD-SHELL" "..."] "30s" "3s" "0s" "0s" '\x03'}} (Go's {@code %q} of
 *       the health config) and {@code CMD ["x" "y"]}.
 * </ul>
 * Lines that are none of these (a script comment such as {@code # debian.sh ...}, another tool's
 * name, an empty line) become comment blocks.
 */
final class DockerfileHistoryParser {

  /** Instructions a history line can start with. */
  static final Set<String> KEYWORDS = Set.of("RUN", "COPY", "ADD", "ENV", "ARG", "LABEL", "EXPOSE", "WORKDIR",
      "USER", "VOLUME", "HEALTHCHECK", "ENTRYPOINT", "CMD", "SHELL", "STOPSIGNAL", "ONBUILD", "MAINTAINER");

  private static final String SHELL_PREFIX = "/bin/sh -c ";
  private static final String NOP = "#(nop)";
  private static final String BUILDKIT_MARK = "# buildkit";

  /** Classic builder COPY/ADD: optional flags, a content hash, {@code in}, the destination. */
  private static final Pattern CLASSIC_COPY =
      Pattern.compile("^((?:--\\S+\\s+)*)(file|dir|multi):([0-9a-f]+)\\s+in\\s+(\\S.*?)\\s*$");
  /** Classic builder ADD of a URL: {@code https://host/file in /dest}. */
  private static final Pattern CLASSIC_URL_ADD = Pattern.compile("^((?:--\\S+\\s+)*)(https?://\\S+)\\s+in\\s+(\\S.*?)\\s*$");
  /** Build arguments before a RUN command: {@code |2 A=b C=d }. */
  private static final Pattern BUILD_ARGS = Pattern.compile("^\\|(\\d+)\\s+");
  /** A port of {@code EXPOSE 80/tcp} or {@code EXPOSE map[80/tcp:{}]}. */
  private static final Pattern PORT = Pattern.compile("(\\d+(?:-\\d+)?(?:/[a-z]+)?)");
  /** The start of the next pair of an ENV line. */
  private static final Pattern ENV_SPLIT = Pattern.compile("\\s+(?=[A-Za-z_][A-Za-z0-9_]*=)");
  /** The start of the next pair of a LABEL line. */
  private static final Pattern LABEL_SPLIT = Pattern.compile("\\s+(?=[A-Za-z0-9][A-Za-z0-9._/-]*=)");

  private DockerfileHistoryParser() {}

  /**
   * One parsed history line.
   *
   * @param step the instruction or comment block
   * @param buildArgs the build arguments a RUN line was recorded with, in order; values as recorded
   * @param contentHash the content hash that stands for a classic COPY or ADD source, or null
   */
  record Parsed(DockerfileStep step, Map<String, String> buildArgs, String contentHash) {}

  /** Parses the {@code created_by} of the history entry at {@code index}. */
  static Parsed parse(String createdBy, int index) {
    String text = createdBy == null ? "" : createdBy.strip();
    if (text.endsWith(BUILDKIT_MARK)) {
      text = text.substring(0, text.length() - BUILDKIT_MARK.length()).strip();
    }
    if (text.startsWith(SHELL_PREFIX + NOP)) {
      return instruction(text.substring(SHELL_PREFIX.length() + NOP.length()).strip(), index);
    }
    if (text.startsWith(NOP)) {
      return instruction(text.substring(NOP.length()).strip(), index);
    }
    if (text.startsWith("|") || text.startsWith(SHELL_PREFIX)) {
      return run(text, index, false);
    }
    if (text.startsWith("RUN ")) {
      return run(text.substring(4).strip(), index, true);
    }
    String keyword = firstWord(text);
    if (KEYWORDS.contains(keyword)) {
      return instruction(text, index);
    }
    return new Parsed(unknown(text, index), Map.of(), null);
  }

  private static DockerfileStep unknown(String text, int index) {
    List<String> comments = new ArrayList<>();
    if (text.isEmpty()) {
      comments.add("History step " + (index + 1) + " records no instruction.");
    } else {
      comments.add("History step " + (index + 1) + " is not a Dockerfile instruction; it was recorded as:");
      for (String line : text.split("\n")) {
        comments.add("  " + line);
      }
    }
    return DockerfileStep.comment(comments, index);
  }

  /** Parses a RUN line: optional build arguments, then the shell prefix or an exec-form command. */
  private static Parsed run(String text, int index, boolean buildkit) {
    Map<String, String> args = new LinkedHashMap<>();
    String rest = text;
    Matcher count = BUILD_ARGS.matcher(rest);
    if (count.find()) {
      int expected;
      try {
        expected = Integer.parseInt(count.group(1));
      } catch (NumberFormatException e) {
        expected = 0;
      }
      rest = rest.substring(count.end());
      // NOTE: a build argument value with a space cannot be distinguished from the next argument; the
      // builders join them with single spaces, so such a value is cut at its first space.
      for (int i = 0; i < expected && !rest.isEmpty(); i++) {
        int space = rest.indexOf(' ');
        String pair = space < 0 ? rest : rest.substring(0, space);
        rest = space < 0 ? "" : rest.substring(space + 1);
        int equals = pair.indexOf('=');
        if (equals > 0) {
          args.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
    }
    List<String> comments = new ArrayList<>();
    String command;
    if (rest.startsWith(SHELL_PREFIX)) {
      command = rest.substring(SHELL_PREFIX.length());
    } else {
      command = rest;
      comments.add("History step " + (index + 1) + " ran without /bin/sh -c (an exec-form RUN or another shell);"
          + " check the quoting of its arguments.");
    }
    if (command.contains("\n")) {
      comments.add("This command has line breaks, so it is written as a here-document, which needs BuildKit.");
    }
    DockerfileStep step = new DockerfileStep("RUN", List.of(command), false, comments, index, false);
    return new Parsed(step, args, null);
  }

  /** Parses an instruction written as {@code KEYWORD arguments}. */
  private static Parsed instruction(String text, int index) {
    String keyword = firstWord(text);
    String rest = text.substring(keyword.length()).strip();
    if (!KEYWORDS.contains(keyword)) {
      return new Parsed(unknown(text, index), Map.of(), null);
    }
    return switch (keyword) {
      case "RUN" -> run(rest, index, false);
      case "COPY", "ADD" -> copy(keyword, rest, index);
      case "ENV" -> simple(keyword, pairs(rest, ENV_SPLIT), false, index);
      case "LABEL" -> simple(keyword, pairs(rest, LABEL_SPLIT), false, index);
      case "ARG" -> simple(keyword, List.of(rest.split("\\s+")), false, index);
      case "EXPOSE" -> simple(keyword, ports(rest), false, index);
      case "CMD", "ENTRYPOINT", "SHELL", "VOLUME" -> list(keyword, rest, index);
      case "HEALTHCHECK" -> new Parsed(DockerfileHealthcheck.parse(rest, index), Map.of(), null);
      default -> simple(keyword, List.of(rest), false, index);
    };
  }

  private static Parsed simple(String keyword, List<String> values, boolean execForm, int index) {
    List<String> nonEmpty = values.stream().filter(v -> !v.isEmpty()).toList();
    return new Parsed(new DockerfileStep(keyword, nonEmpty, execForm, List.of(), index, false), Map.of(), null);
  }

  private static Parsed copy(String keyword, String rest, int index) {
    Matcher classic = CLASSIC_COPY.matcher(rest);
    if (classic.matches()) {
      List<String> values = new ArrayList<>(flags(classic.group(1)));
      String hash = classic.group(3);
      values.add(DockerfilePlaceholders.copySource(index));
      values.add(classic.group(4));
      List<String> comments = List.of("The build context is not in the image: replace "
          + DockerfilePlaceholders.copySource(index) + " with the " + describeSource(classic.group(2))
          + " this step copied (content hash " + shortHash(hash) + ").");
      return new Parsed(new DockerfileStep(keyword, values, false, comments, index, false), Map.of(), hash);
    }
    Matcher url = CLASSIC_URL_ADD.matcher(rest);
    if (url.matches()) {
      List<String> values = new ArrayList<>(flags(url.group(1)));
      values.add(url.group(2));
      values.add(url.group(3));
      return new Parsed(new DockerfileStep(keyword, values, false, List.of(), index, false), Map.of(), null);
    }
    List<String> values = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    int remark = rest.indexOf(" #");
    if (remark >= 0) {
      // Some builders append a remark, such as the base image a root file system came from.
      comments.add("Recorded with the remark:" + rest.substring(remark + 2));
      rest = rest.substring(0, remark).strip();
    }
    for (String token : rest.split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      values.add(token);
      if (token.startsWith("--from=")) {
        comments.add("This step copies from the build stage or image '" + token.substring(7) + "', which the"
            + " image does not record: add that stage above, or the build fails.");
      }
    }
    if (values.stream().filter(v -> !v.startsWith("--")).count() >= 2
        && values.stream().noneMatch(v -> v.startsWith("--from="))
        && values.stream().filter(v -> !v.startsWith("--")).noneMatch(v -> v.startsWith("http://") || v.startsWith("https://"))) {
      comments.add("The build context is not in the image: check that these sources exist where you build.");
    }
    return new Parsed(new DockerfileStep(keyword, values, false, comments, index, false), Map.of(), null);
  }

  private static String describeSource(String kind) {
    return switch (kind) {
      case "dir" -> "folder";
      case "multi" -> "files";
      default -> "file";
    };
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  private static List<String> flags(String text) {
    List<String> flags = new ArrayList<>();
    for (String token : text.strip().split("\\s+")) {
      if (!token.isEmpty()) {
        flags.add(token);
      }
    }
    return flags;
  }

  private static Parsed list(String keyword, String rest, int index) {
    List<String> quoted = DockerfileSyntax.quotedList(rest);
    if (quoted != null) {
      return simple(keyword, quoted, true, index);
    }
    if (rest.startsWith("[") && rest.endsWith("]")) {
      // Older classic builders printed the list with %v, without quotes: [/bin/sh -c echo hi].
      String inner = rest.substring(1, rest.length() - 1).strip();
      List<String> words = inner.isEmpty() ? List.of() : List.of(inner.split("\\s+"));
      DockerfileStep step = new DockerfileStep(keyword, words, true, List.of("History step " + (index + 1)
          + " recorded this list without quotes, so arguments with spaces were split; check them."), index, false);
      return new Parsed(step, Map.of(), null);
    }
    return simple(keyword, List.of(rest), false, index);
  }

  /** Splits {@code A=b C=d} into pairs; a value with a space stays whole unless a {@code KEY=} follows it. */
  private static List<String> pairs(String rest, Pattern split) {
    if (rest.isEmpty()) {
      return List.of();
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : split.split(rest)) {
      String value = pair.strip();
      if (value.isEmpty()) {
        continue;
      }
      if (!value.contains("=")) {
        // The legacy form "ENV KEY value" has one pair whose value follows a space.
        int space = value.indexOf(' ');
        value = space < 0 ? value + "=" : value.substring(0, space) + "=" + value.substring(space + 1).strip();
      }
      pairs.add(value);
    }
    return pairs;
  }

  private static List<String> ports(String rest) {
    List<String> ports = new ArrayList<>();
    Matcher matcher = PORT.matcher(rest);
    while (matcher.find()) {
      ports.add(matcher.group(1));
    }
    return ports;
  }

  private static String firstWord(String text) {
    int end = 0;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(0, end);
  }
}
