package io.hullscope.ui.trainer;

import io.hullscope.check.Evidence;

/**
 * Shows a finding's evidence in the image tabs: a file in the Layers tab, a history step or a
 * config row on the Overview.
 */
@FunctionalInterface
public interface EvidenceRevealer {

  /** Shows the evidence; called only for items that {@link EvidenceLine#revealable()} accepts. */
  void reveal(Evidence evidence);
}
