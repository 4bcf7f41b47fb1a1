package io.hullscope.ui.hardening;

import io.hullscope.check.Evidence;

/**
 * One evidence item of a finding as the details pane shows it: a line of text and, for a file or a
 * history step, where a click on it leads.
 *
 * @param evidence the item as the check reported it
 * @param text the line to show, already redacted by the check
 * @param target what a click shows, or {@link Target#NONE} for a plain line
 */
public record EvidenceLink(Evidence evidence, String text, Target target) {

  /** The destination of a click on an evidence line. */
  public enum Target {
    /** The file in the Layers tab. */
    FILE,
    /** The history step on the Overview. */
    HISTORY,
    /** Nowhere: the line is text only. */
    NONE
  }

  /** Describes an evidence item; a file or history item without a usable path or index is text only. */
  public static EvidenceLink of(Evidence evidence) {
    return switch (evidence.kind()) {
      case FILE -> evidence.path() == null || evidence.path().isBlank()
          ? plain(evidence, "File")
          : new EvidenceLink(evidence, fileText(evidence), Target.FILE);
      case HISTORY -> evidence.historyIndex() < 0
          ? plain(evidence, "History")
          : new EvidenceLink(evidence, historyText(evidence), Target.HISTORY);
      case CONFIG -> plain(evidence, "Config " + (evidence.field() == null ? "" : evidence.field()).strip());
      case PACKAGE -> plain(evidence, "Package");
      case SCAN -> plain(evidence, "Scan");
      case SIGNATURE -> plain(evidence, "Signature");
      case HARBOR -> plain(evidence, "Harbor " + (evidence.field() == null ? "" : evidence.field()).strip());
    };
  }

  private static String fileText(Evidence evidence) {
    String path = evidence.path();
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    String where = "/" + path.substring(start) + (evidence.layer() >= 0 ? " (layer #" + evidence.layer() + ")" : "");
    return evidence.text().isBlank() ? where : where + ": " + evidence.text();
  }

  private static String historyText(Evidence evidence) {
    int number = evidence.historyIndex() + 1;
    String text = evidence.text();
    // Some checks start the text with the step number, which is dropped so the line names the step once.
    String ownPrefix = "step " + number + ": ";
    if (text.regionMatches(true, 0, ownPrefix, 0, ownPrefix.length())) {
      text = text.substring(ownPrefix.length());
    }
    String step = "History step " + number;
    return text.isBlank() ? step : step + ": " + text;
  }

  private static EvidenceLink plain(Evidence evidence, String kind) {
    String text = evidence.text().isBlank() ? kind : kind + ": " + evidence.text();
    return new EvidenceLink(evidence, text, Target.NONE);
  }
}
