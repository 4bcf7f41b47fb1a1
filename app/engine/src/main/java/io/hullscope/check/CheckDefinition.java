package io.hullscope.check;

/**
 * What a check looks for, independent of any image: the catalogue entry that docs/checks.md,
 * policy files and SARIF rule descriptors are built from.
 *
 * @param id stable identifier, upper case with dashes, for example {@code SECRET-IN-ENV}
 * @param title one line naming the problem
 * @param defaultSeverity severity before a policy re-rates it
 * @param group the family of checks, for example {@code user}, {@code secrets}, {@code base-image},
 *     {@code attack-surface}, {@code build-hygiene}, {@code supply-chain}, {@code harbor}
 * @param rationale why it matters, in plain words for a reader who is not a security specialist
 */
public record CheckDefinition(String id, String title, Severity defaultSeverity, String group, String rationale) {

  public CheckDefinition {
    if (id == null || !id.matches("[A-Z0-9]+(-[A-Z0-9]+)*") || title == null || defaultSeverity == null
        || group == null) {
      throw new IllegalArgumentException("a check needs an upper-case id, a title, a severity and a group: " + id);
    }
    rationale = rationale == null ? "" : rationale;
  }
}
