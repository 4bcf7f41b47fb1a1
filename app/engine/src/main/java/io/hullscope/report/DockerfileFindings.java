package io.hullscope.report;

import io.hullscope.check.CheckDefinition;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The fixes a report calls for. A fix applies when the report has a finding with its id. When the
 * check that owns the id did not run at all (the report's checks do not define it), the suggestion
 * looks for the problem itself, so a partial set of checks still gets a useful Dockerfile; a check
 * that ran and found nothing, or that the policy turned off, gets no fix.
 */
final class DockerfileFindings {

  private final HardeningReport report;

  DockerfileFindings(HardeningReport report) {
    this.report = report;
  }

  /** Returns whether the report has a finding with this id. */
  boolean has(String id) {
    return report.findings().stream().anyMatch(f -> f.id().equals(id));
  }

  /** Returns whether no check of the report defines this id. */
  boolean notChecked(String id) {
    return report.checks().stream().map(CheckDefinition::id).noneMatch(id::equals);
  }

  /** Returns whether the fix for {@code id} applies: a finding, or no such check and {@code detected}. */
  boolean applies(String id, BooleanSupplier detected) {
    return has(id) || (notChecked(id) && detected.getAsBoolean());
  }

  /** Returns the findings with this id. */
  List<Finding> all(String id) {
    return report.findings().stream().filter(f -> f.id().equals(id)).toList();
  }

  /** Returns whether a finding with this id names {@code word} (as a whole word) in its evidence. */
  boolean mentions(String id, String word) {
    Pattern whole = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(word) + "(?![A-Za-z0-9_])");
    for (Finding finding : all(id)) {
      if (finding.evidence() != null && whole.matcher(finding.evidence()).find()) {
        return true;
      }
      for (Evidence item : finding.evidenceItems()) {
        if (whole.matcher(item.text()).find() || (item.path() != null && whole.matcher(item.path()).find())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the file evidence of the findings with these ids. */
  List<Evidence> files(String... ids) {
    List<Evidence> files = new ArrayList<>();
    for (String id : ids) {
      for (Finding finding : all(id)) {
        finding.evidenceItems().stream().filter(e -> e.kind() == Evidence.Kind.FILE && e.path() != null)
            .forEach(files::add);
      }
    }
    return files;
  }

  /** Returns the history indexes the findings with this id point at. */
  List<Integer> historyIndexes(String id) {
    List<Integer> indexes = new ArrayList<>();
    for (Finding finding : all(id)) {
      finding.evidenceItems().stream().filter(e -> e.kind() == Evidence.Kind.HISTORY && e.historyIndex() >= 0)
          .forEach(e -> indexes.add(e.historyIndex()));
    }
    return indexes;
  }
}
