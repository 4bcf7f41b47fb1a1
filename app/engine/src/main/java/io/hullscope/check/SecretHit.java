package io.hullscope.check;

/**
 * One secret found in a file of a layer, already redacted: what the cache keeps and the secret
 * check reports. No field ever contains the secret itself.
 *
 * @param path file path without a leading slash
 * @param checkId {@code SECRET-IN-FILE} or {@code CREDENTIAL-FILE}
 * @param kind what was found, for example {@code GitHub token} or {@code npm auth token}
 * @param confidence how sure the detector is
 * @param reason why it has that confidence, in plain words
 * @param text the redacted value, for example {@code _authToken=npm_…(40 chars)}
 * @param line 1-based line of the file where it starts, or 0 when unknown
 */
public record SecretHit(String path, String checkId, String kind, Confidence confidence, String reason, String text,
    int line) {

  public SecretHit {
    if (path == null || checkId == null || kind == null || confidence == null) {
      throw new IllegalArgumentException("a secret hit needs a path, a check id, a kind and a confidence");
    }
    reason = reason == null ? "" : reason;
    text = text == null ? "" : text;
  }

  /** Returns a copy with another confidence and reason. */
  SecretHit with(Confidence newConfidence, String newReason) {
    return new SecretHit(path, checkId, kind, newConfidence, newReason, text, line);
  }

  /**
   * Describes the hit for evidence, for example
   * {@code line 3: ghp_…(40 chars) (GitHub token, confidence HIGH: GitHub token format)}.
   */
  String describe() {
    String kindPart = text.contains(kind) ? "" : kind + ", ";
    return (line > 0 ? "line " + line + ": " : "") + text + " (" + kindPart + "confidence " + confidence + ": " + reason
        + ")";
  }
}
