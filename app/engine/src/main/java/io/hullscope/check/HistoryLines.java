package io.hullscope.check;

import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image history read back as Dockerfile instructions, for checks that look at how an image
 * was built.
 *
 * <p>Builders record instructions in several forms, and all of them are read:
 * <ul>
 *   <li>the classic builder: {@code /bin/sh -c #(nop)  EXPOSE 22/tcp} for metadata steps and
 *       {@code /bin/sh -c apt-get update} for a {@code RUN}, with {@code |2 A=1 B=2 } in front when
 *       build arguments were set;
 *   <li>BuildKit: {@code RUN /bin/sh -c apt-get update # buildkit}, {@code COPY app /app # buildkit};
 *   <li>{@code docker import} and other tools that record only a comment, which are kept with an
 *       empty keyword.
 * </ul>
 */
final class HistoryLines {

  /** Dockerfile keywords that a history line can start with. */
  private static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
      "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
      "WORKDIR");

  private static final String SHELL_PREFIX = "/bin/sh -c ";
  private static final Pattern BUILD_ARGS = Pattern.compile("^\\|\\d+ ");
  private static final Pattern NOP = Pattern.compile("^#\\(nop\\)\\s*");
  private static final Pattern BUILDKIT_SUFFIX = Pattern.compile("\\s*# buildkit\\s*$");

  /**
   * One history entry as an instruction.
   *
   * @param index position in the config's full {@code history} array, empty layers included
   * @param layer position of the layer the entry produced, or -1 for a metadata-only entry or an
   *     entry beyond the image's layers
   * @param keyword upper-case Dockerfile keyword, for example {@code RUN}; empty when unknown
   * @param arguments the rest of the instruction, stripped; for {@code RUN} the shell command
   * @param raw the entry as recorded, for evidence text
   */
  record Instruction(int index, int layer, String keyword, String arguments, String raw) {

    boolean is(String expected) {
      return keyword.equals(expected);
    }

    /** Returns the instruction as a Dockerfile line, shortened for evidence text. */
    String display() {
      String line = keyword.isEmpty() ? raw : keyword + " " + arguments;
      return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
  }

  private HistoryLines() {}

  /** Reads every history entry of the config, in order. */
  static List<Instruction> of(ImageConfig config) {
    List<Instruction> instructions = new ArrayList<>();
    List<HistoryEntry> history = config.history();
    int layers = config.diffIds().size();
    int nextLayer = 0;
    for (int index = 0; index < history.size(); index++) {
      HistoryEntry entry = history.get(index);
      int layer = -1;
      if (!entry.emptyLayer()) {
        layer = nextLayer < layers ? nextLayer : -1;
        nextLayer++;
      }
      instructions.add(parse(index, layer, entry.description()));
    }
    return instructions;
  }

  /** Parses one recorded line; see the class comment for the forms. */
  static Instruction parse(int index, int layer, String recorded) {
    String raw = recorded == null ? "" : recorded.strip();
    String text = BUILDKIT_SUFFIX.matcher(raw).replaceFirst("");
    if (BUILD_ARGS.matcher(text).find()) {
      // "|2 A=1 B=2 /bin/sh -c cmd": the argument count, the assignments, then the command.
      int shell = text.indexOf(SHELL_PREFIX);
      text = shell < 0 ? text : text.substring(shell);
    }
    if (text.startsWith(SHELL_PREFIX)) {
      String command = text.substring(SHELL_PREFIX.length()).strip();
      Matcher nop = NOP.matcher(command);
      if (!nop.find()) {
        return new Instruction(index, layer, "RUN", command, raw);
      }
      text = command.substring(nop.end());
    }
    int space = indexOfWhitespace(text);
    String first = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    if (KEYWORDS.contains(first)) {
      String arguments = space < 0 ? "" : text.substring(space).strip();
      if (first.equals("RUN") && arguments.startsWith(SHELL_PREFIX)) {
        arguments = arguments.substring(SHELL_PREFIX.length()).strip();
      }
      return new Instruction(index, layer, first, arguments, raw);
    }
    return new Instruction(index, layer, "", text, raw);
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
