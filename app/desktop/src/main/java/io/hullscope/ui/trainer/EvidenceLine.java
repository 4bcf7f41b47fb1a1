package io.hullscope.ui.trainer;

import io.hullscope.check.Evidence;
import io.hullscope.ui.hardening.EvidenceLink;

/**
 * One evidence item of a walk-through step: the line the Hardening tab shows for it, and whether
 * a click can show it in the image tabs.
 *
 * @param revealable true for a file with a path, a history step with an index and a config
 *     field with a name
 */
public record EvidenceLine(Evidence evidence, String text, boolean revealable) {

  /** Describes an evidence item with the wording of the Hardening tab. */
  public static EvidenceLine of(Evidence evidence) {
    EvidenceLink link = EvidenceLink.of(evidence);
    boolean config = evidence.kind() == Evidence.Kind.CONFIG && evidence.field() != null
        && !evidence.field().isBlank();
    return new EvidenceLine(evidence, link.text(), config || link.target() != EvidenceLink.Target.NONE);
  }
}
