package io.hullscope.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One instruction of a reconstructed or suggested Dockerfile, with the comments written above it.
 *
 * <p>{@code values} depends on the keyword: the command for {@code RUN} (one element); the
 * {@code KEY=VALUE} pairs for {@code ENV}, {@code LABEL} and {@code ARG}; the ports for {@code EXPOSE};
 * the flags, sources and destination (last) for {@code COPY} and {@code ADD}; the argument list for
 * {@code CMD}, {@code ENTRYPOINT}, {@code SHELL} and {@code VOLUME} ({@code execForm}), or their shell
 * text as one element otherwise; the whole argument text for every other keyword. A step whose keyword
 * is null is a comment block only, for history lines that are no Dockerfile instruction.
 *
 * @param keyword the instruction, upper case, or null for a comment block
 * @param values the arguments, as described above
 * @param execForm whether {@code values} is an exec-form argument list
 * @param comments comment lines written above the instruction, without the leading {@code #}
 * @param historyIndex index in the config's {@code history} array, or -1 for an added step
 * @param base whether the step belongs to the base image, so it is written commented out
 */
public record DockerfileStep(String keyword, List<String> values, boolean execForm, List<String> comments,
    int historyIndex, boolean base) {

  public DockerfileStep {
    values = values == null ? List.of() : List.copyOf(values);
    comments = comments == null ? List.of() : List.copyOf(comments);
  }

  /** Creates a new instruction that no history line produced. */
  public static DockerfileStep added(String keyword, List<String> values, boolean execForm, List<String> comments) {
    return new DockerfileStep(keyword, values, execForm, comments, -1, false);
  }

  /** Creates a comment block with no instruction. */
  public static DockerfileStep comment(List<String> comments, int historyIndex) {
    return new DockerfileStep(null, List.of(), false, comments, historyIndex, false);
  }

  /** Returns whether the step is the given instruction. */
  public boolean is(String name) {
    return name.equals(keyword);
  }

  /** Returns the first value, or an empty string when there is none. */
  public String firstValue() {
    return values.isEmpty() ? "" : values.get(0);
  }

  /** Returns a copy with other values. */
  public DockerfileStep withValues(List<String> newValues) {
    return new DockerfileStep(keyword, newValues, execForm, comments, historyIndex, base);
  }

  /** Returns a copy with other values and form. */
  public DockerfileStep withValues(List<String> newValues, boolean newExecForm) {
    return new DockerfileStep(keyword, newValues, newExecForm, comments, historyIndex, base);
  }

  /** Returns a copy with more comment lines after the existing ones. */
  public DockerfileStep withComments(List<String> more) {
    List<String> all = new ArrayList<>(comments);
    all.addAll(more);
    return new DockerfileStep(keyword, values, execForm, all, historyIndex, base);
  }

  /** Returns a copy with another keyword, keeping the rest. */
  public DockerfileStep withKeyword(String newKeyword) {
    return new DockerfileStep(newKeyword, values, execForm, comments, historyIndex, base);
  }

  /** Returns the Dockerfile text of the step: its comments, then the instruction (commented out for the base). */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (String comment : comments) {
      out.append(comment.isEmpty() ? "#" : "# " + comment).append('\n');
    }
    if (keyword == null) {
      return out.toString();
    }
    String instruction = DockerfileSyntax.instruction(this);
    if (base) {
      for (String line : instruction.split("\n", -1)) {
        out.append("# ").append(line).append('\n');
      }
    } else {
      out.append(instruction).append('\n');
    }
    return out.toString();
  }
}
