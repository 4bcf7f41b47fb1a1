package io.hullscope.check;

import io.hullscope.index.FileInterest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a set of {@link ImageCheck}s on one image and applies a policy.
 *
 * <p>Use: create it, register {@link #interests()} with the indexer, analyse the image, build the
 * {@link ImageFacts}, then call {@link #run}. Because checks may collect file contents during the
 * indexing pass, one instance serves one image.
 */
public final class ImageChecks {

  private final List<ImageCheck> checks;

  /** Runs the given checks, in this order. */
  public ImageChecks(List<ImageCheck> checks) {
    this.checks = List.copyOf(checks);
    Map<String, String> seen = new LinkedHashMap<>();
    for (ImageCheck check : this.checks) {
      for (CheckDefinition definition : check.definitions()) {
        String before = seen.putIfAbsent(definition.id(), check.getClass().getSimpleName());
        if (before != null) {
          throw new IllegalArgumentException("check id " + definition.id() + " is defined twice");
        }
      }
    }
  }

  /** The file interests of every check, to register with the indexer. */
  public List<FileInterest> interests() {
    List<FileInterest> interests = new ArrayList<>();
    checks.forEach(check -> interests.addAll(check.interests()));
    return interests;
  }

  /** Every check definition, in order. */
  public List<CheckDefinition> definitions() {
    List<CheckDefinition> definitions = new ArrayList<>();
    checks.forEach(check -> definitions.addAll(check.definitions()));
    return definitions;
  }

  /** Looks up a definition by id. */
  public Optional<CheckDefinition> definition(String id) {
    return definitions().stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /**
   * Checks that a policy names only checks of this set, in its disabled ids, its new severities and
   * its settings ({@code CHECK-ID.name}), so that a typo in a policy file cannot leave a check on
   * unnoticed.
   *
   * @throws IllegalArgumentException naming every unknown id
   */
  public void validate(CheckPolicy policy) {
    Set<String> known = new HashSet<>();
    definitions().forEach(definition -> known.add(definition.id()));
    Set<String> unknown = new TreeSet<>();
    policy.disabled().stream().filter(id -> !known.contains(id)).forEach(unknown::add);
    policy.severities().keySet().stream().filter(id -> !known.contains(id)).forEach(unknown::add);
    for (String key : policy.settings().values().keySet()) {
      int dot = key.indexOf('.');
      String id = dot < 0 ? key : key.substring(0, dot);
      if (!known.contains(id)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("the policy names checks that do not exist: " + String.join(", ", unknown)
          + "; docs/checks.md lists the check ids");
    }
  }

  /**
   * Runs every check on the facts, applies the policy and grades the result.
   *
   * @param imageName the name to show for the image
   * @param tool the tool and version, for the report
   * @throws IOException when a check cannot read what it needs
   * @throws IllegalArgumentException when the policy names a check that does not exist
   * @throws IllegalStateException when a check reports an id it does not define
   */
  public HardeningReport run(String imageName, ImageFacts facts, CheckPolicy policy, String tool) throws IOException {
    validate(policy);
    List<Finding> findings = new ArrayList<>();
    for (ImageCheck check : checks) {
      List<String> ids = check.definitions().stream().map(CheckDefinition::id).toList();
      for (Finding finding : check.run(facts, policy.settings())) {
        if (!ids.contains(finding.id())) {
          throw new IllegalStateException(check.getClass().getSimpleName() + " reported " + finding.id()
              + ", which it does not define");
        }
        policy.apply(finding).ifPresent(findings::add);
      }
    }
    UserVerdict user = UserVerdict.of(facts.config(), facts.accounts());
    List<Finding> sorted = findings.stream().sorted(HardeningReport.SEVERITY_ORDER).toList();
    return new HardeningReport(imageName, facts.digest(), Instant.now(), tool, user, sorted,
        HygieneGrade.of(sorted), definitions());
  }
}
