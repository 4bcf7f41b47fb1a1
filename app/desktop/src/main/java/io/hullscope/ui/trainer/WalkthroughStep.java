package io.hullscope.ui.trainer;

import io.hullscope.check.Finding;
import java.util.List;
import java.util.Locale;

/**
 * One finding as the walk-through presents it.
 *
 * @param number position of the step, starting at 1
 * @param total number of finding steps, without the closing summary
 * @param why the first one or two sentences of the finding's rationale
 * @param change the check's suggestion and where to make it
 * @param evidence the finding's evidence items, in the check's order
 */
public record WalkthroughStep(Finding finding, int number, int total, String why, String change,
    List<EvidenceLine> evidence) {

  public WalkthroughStep {
    evidence = List.copyOf(evidence);
  }

  /** Builds the step of one finding. */
  static WalkthroughStep of(Finding finding, int number, int total) {
    String why = firstSentences(finding.rationale(), 2);
    String suggestion = finding.suggestion() == null || finding.suggestion().isBlank()
        ? "The check suggests no change."
        : finding.suggestion().strip();
    String change = finding.location() == null || finding.location().isBlank()
        ? suggestion
        : suggestion + "\nWhere: " + finding.location().strip();
    List<EvidenceLine> lines = finding.evidenceItems().stream().map(EvidenceLine::of).toList();
    return new WalkthroughStep(finding, number, total, why.isEmpty() ? finding.title() : why, change, lines);
  }

  /** Returns the position line, for example "3 of 17". */
  public String position() {
    return number + " of " + total;
  }

  /** Returns the severity in words, for example "High". */
  public String severity() {
    String name = finding.severity().name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  /** Returns the first item that a click can show, or null when no item points anywhere. */
  public EvidenceLine firstRevealable() {
    return evidence.stream().filter(EvidenceLine::revealable).findFirst().orElse(null);
  }

  /**
   * Returns at most {@code count} sentences from the start of the text. A sentence ends at a full
   * stop, question or exclamation mark followed by a space and a capital letter, so "e.g. the"
   * does not end one.
   */
  static String firstSentences(String text, int count) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    int found = 0;
    for (int i = 0; i + 2 < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if ((c == '.' || c == '?' || c == '!') && Character.isWhitespace(stripped.charAt(i + 1))
          && Character.isUpperCase(stripped.charAt(i + 2))) {
        found++;
        if (found == count) {
          return stripped.substring(0, i + 1);
        }
      }
    }
    return stripped;
  }
}
