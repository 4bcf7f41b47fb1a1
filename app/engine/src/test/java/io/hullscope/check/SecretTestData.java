package io.hullscope.check;

import java.util.Random;

/** Helpers for the secrets tests: the text a finding shows, and the samples' seeded tokens. */
final class SecretTestData {

  private SecretTestData() {}

  /** Returns every text a finding shows: its fields and the text of each evidence item. */
  static String allText(Finding finding) {
    StringBuilder text = new StringBuilder();
    text.append(finding.title()).append('\n').append(finding.rationale()).append('\n').append(finding.evidence())
        .append('\n').append(finding.suggestion()).append('\n').append(finding.location()).append('\n');
    for (Evidence item : finding.evidenceItems()) {
      text.append(item.path()).append('\n').append(item.field()).append('\n').append(item.text()).append('\n');
    }
    return text.toString();
  }

  /**
   * Returns the token that {@code io.hullscope.samples.SampleContent.token} makes from a seed, so
   * the tests can check that the samples' secrets never appear in a finding.
   */
  static String sampleToken(long seed, String alphabet, int length) {
    Random random = new Random(seed);
    StringBuilder token = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return token.toString();
  }
}
