package io.hullscope.ui.trainer;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;

/**
 * Shows a finding's evidence in the image tabs: a file in the Layers tab, a history step or a
 * config row on the Overview, or the finding itself in the Hardening tab when it has no evidence
 * that points anywhere.
 */
public interface EvidenceRevealer {

  /** Shows the evidence; called only for items that {@link EvidenceLine#revealable()} accepts. */
  void reveal(Evidence evidence);

  /** Selects the finding in the Hardening tab. */
  void showFinding(Finding finding);
}
