package io.hullscope.ui.hardening;

import io.hullscope.check.Finding;
import java.util.List;

/**
 * The content of the Hardening tab's details pane for the selected finding.
 *
 * @param finding the finding
 * @param points what the finding cost in the hygiene grade
 * @param evidence the evidence items, files and history steps as links
 */
public record FindingDetails(Finding finding, int points, List<EvidenceLink> evidence) {

  public FindingDetails {
    evidence = List.copyOf(evidence);
  }

  /** Returns the details of a finding. */
  public static FindingDetails of(Finding finding, int points) {
    return new FindingDetails(finding, points, finding.evidenceItems().stream().map(EvidenceLink::of).toList());
  }
}
