package io.hullscope.check;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a team decided about the checks: which are off, which are re-rated, the thresholds, and
 * the severity from which the policy fails. Read from a YAML policy file by the report layer.
 *
 * @param disabled ids of checks whose findings are dropped
 * @param severities new severities by check id
 * @param settings thresholds by {@code CHECK-ID.name}
 * @param failOn the policy fails when a finding of this severity or worse remains; null never fails
 */
public record CheckPolicy(Set<String> disabled, Map<String, Severity> severities, CheckSettings settings,
    Severity failOn) {

  /** Every check on, default severities and thresholds, never fails. */
  public static final CheckPolicy DEFAULT = new CheckPolicy(Set.of(), Map.of(), CheckSettings.DEFAULTS, null);

  public CheckPolicy {
    disabled = disabled == null ? Set.of() : Set.copyOf(disabled);
    severities = severities == null ? Map.of() : Map.copyOf(severities);
    settings = settings == null ? CheckSettings.DEFAULTS : settings;
  }

  /** Applies the policy to one finding: empty when its check is disabled, re-rated when asked. */
  public Optional<Finding> apply(Finding finding) {
    if (disabled.contains(finding.id())) {
      return Optional.empty();
    }
    Severity severity = severities.get(finding.id());
    return Optional.of(severity == null ? finding : finding.withSeverity(severity));
  }

  /** Returns whether a report fails this policy. */
  public boolean fails(HardeningReport report) {
    return failOn != null && !report.atLeast(failOn).isEmpty();
  }

  /** Returns a copy that fails from another severity, for a command-line {@code --fail-on}. */
  public CheckPolicy withFailOn(Severity severity) {
    return new CheckPolicy(disabled, severities, settings, severity);
  }
}
