package io.hullscope.check;

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
 */
public record Finding(String id, String title, Severity severity, String rationale, String evidence,
    String suggestion, String location) {

  public Finding {
    if (id == null || id.isBlank() || title == null || severity == null) {
      throw new IllegalArgumentException("a finding needs an id, a title and a severity");
    }
  }
}
