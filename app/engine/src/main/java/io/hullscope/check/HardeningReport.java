package io.hullscope.check;

import io.hullscope.image.Digest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The result of running the hardening checks on one image: what every exporter (Markdown, HTML,
 * JSON, SARIF), the CLI and the Hardening tab show.
 *
 * @param imageName the name shown for the image, for example its first reference or file name
 * @param digest the image's identity
 * @param createdAt when the checks ran
 * @param tool the tool and version that ran them, for example {@code Hullscope 0.1.0}
 * @param user the user verdict, see {@link UserVerdict}
 * @param findings every finding after the policy was applied, most severe first
 * @param grade the hygiene grade of those findings
 * @param checks every check that ran, including those that found nothing
 */
public record HardeningReport(String imageName, Digest digest, Instant createdAt, String tool, UserVerdict user,
    List<Finding> findings, HygieneGrade grade, List<CheckDefinition> checks) {

  /** Orders findings most severe first, then by id, keeping the checks' order within one id. */
  public static final Comparator<Finding> SEVERITY_ORDER =
      Comparator.comparing(Finding::severity).thenComparing(Finding::id);

  public HardeningReport {
    findings = findings.stream().sorted(SEVERITY_ORDER).toList();
    checks = List.copyOf(checks);
  }

  /** Returns the findings of at least the given severity. */
  public List<Finding> atLeast(Severity severity) {
    return findings.stream().filter(f -> f.severity().compareTo(severity) <= 0).toList();
  }
}
