package io.hullscope.check;

import java.util.List;

/**
 * One problem found by a check, with what proves it and how to fix it.
 *
 * @param id stable identifier, for example {@code HARBOR-SCAN-ON-PUSH-OFF}; documented in
 *     docs/checks.md
 * @param title one line for lists
 * @param severity how much it matters
 * @param rationale why it matters, in plain words
 * @param evidence what was seen, with secrets already redacted
 * @param suggestion the concrete change to make
 * @param location where to make the change, for example a Harbor screen or a Dockerfile line
 * @param evidenceItems the places that show the finding, for links into the layers and history;
 *     may be empty when {@code evidence} says it all
 * @param confidence how sure the check is; {@link Confidence#HIGH} unless a check says otherwise
 */
public record Finding(String id, String title, Severity severity, String rationale, String evidence,
    String suggestion, String location, List<Evidence> evidenceItems, Confidence confidence) {

  public Finding {
    if (id == null || id.isBlank() || title == null || severity == null) {
      throw new IllegalArgumentException("a finding needs an id, a title and a severity");
    }
    evidenceItems = evidenceItems == null ? List.of() : List.copyOf(evidenceItems);
    confidence = confidence == null ? Confidence.HIGH : confidence;
  }

  /** A certain finding whose evidence is described by text alone. */
  public Finding(String id, String title, Severity severity, String rationale, String evidence,
      String suggestion, String location) {
    this(id, title, severity, rationale, evidence, suggestion, location, List.of(), Confidence.HIGH);
  }

  /** Returns a copy with another severity, for policies that re-rate a check. */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(id, title, newSeverity, rationale, evidence, suggestion, location, evidenceItems, confidence);
  }
}
