package io.hullscope.ui.hardening;

import io.hullscope.check.Finding;
import io.hullscope.check.Severity;

/** A row of the Hardening tab's tree: a severity group or one finding in it. */
public sealed interface HardeningNode {

  /** Returns the text of the row. */
  String label();

  /**
   * The findings of one severity.
   *
   * @param shown findings of this severity that pass the filter
   * @param total findings of this severity in the report
   */
  record Group(Severity severity, int shown, int total) implements HardeningNode {

    /** Returns "High (3)", or "High (1 of 3)" while a filter hides some. */
    @Override
    public String label() {
      String count = shown == total ? Integer.toString(total) : shown + " of " + total;
      return Severities.displayName(severity) + " (" + count + ")";
    }
  }

  /** One finding. */
  record Item(Finding finding) implements HardeningNode {

    @Override
    public String label() {
      return finding.title();
    }
  }
}
