package io.hullscope.report;

import io.hullscope.check.CheckDefinition;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade.Deduction;
import io.hullscope.check.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every report writer needs from a {@link HardeningReport}, worked out once: each finding
 * with the points it cost and its check family, counts by severity and points lost by family.
 * Free text is passed through {@link ReportRedaction} here, so no writer can forget it.
 */
final class ReportModel {

  /** Family name used for a finding whose check is not in the report's list of checks. */
  static final String UNKNOWN_GROUP = "other";

  /**
   * One finding as the writers show it.
   *
   * @param finding the finding, as the report has it
   * @param points the points it cost the grade
   * @param group the family of its check
   * @param title the redacted title
   * @param evidence the redacted evidence text
   * @param suggestion the redacted suggestion
   * @param evidenceItems the evidence items with redacted text
   */
  record Entry(Finding finding, int points, String group, String title, String evidence, String suggestion,
      List<Evidence> evidenceItems) {}

  private final HardeningReport report;
  private final List<Entry> entries;
  private final Map<String, CheckDefinition> definitions;

  ReportModel(HardeningReport report) {
    this.report = report;
    this.definitions = new LinkedHashMap<>();
    report.checks().forEach(definition -> definitions.putIfAbsent(definition.id(), definition));
    List<Deduction> unmatched = new ArrayList<>(report.grade().deductions());
    this.entries = new ArrayList<>();
    for (Finding finding : report.findings()) {
      int points = takePoints(unmatched, finding);
      CheckDefinition definition = definitions.get(finding.id());
      String group = definition == null ? UNKNOWN_GROUP : definition.group();
      List<Evidence> items = finding.evidenceItems().stream()
          .map(item -> new Evidence(item.kind(), item.layer(), item.path(), item.historyIndex(), item.field(),
              ReportRedaction.redact(item.text())))
          .toList();
      entries.add(new Entry(finding, points, group, ReportRedaction.redact(finding.title()),
          ReportRedaction.redact(finding.evidence()), ReportRedaction.redact(finding.suggestion()), items));
    }
  }

  /**
   * Removes and returns the points of the deduction for {@code finding}. The grade keeps the same
   * finding objects, so identity finds the right one among equal findings; equality is the fallback
   * for a report whose grade was built from copies.
   */
  private static int takePoints(List<Deduction> unmatched, Finding finding) {
    for (int i = 0; i < unmatched.size(); i++) {
      if (unmatched.get(i).finding() == finding) {
        return unmatched.remove(i).points();
      }
    }
    for (int i = 0; i < unmatched.size(); i++) {
      if (unmatched.get(i).finding().equals(finding)) {
        return unmatched.remove(i).points();
      }
    }
    return 0;
  }

  HardeningReport report() {
    return report;
  }

  /** Returns the findings, most severe first, as the report orders them. */
  List<Entry> entries() {
    return entries;
  }

  /** Returns the findings of one severity. */
  List<Entry> entries(Severity severity) {
    return entries.stream().filter(entry -> entry.finding().severity() == severity).toList();
  }

  /** Returns the definition of a check, when the report lists it. */
  Optional<CheckDefinition> definition(String id) {
    return Optional.ofNullable(definitions.get(id));
  }

  /** Returns the report's check definitions, each id once, in the report's order. */
  List<CheckDefinition> definitions() {
    return List.copyOf(definitions.values());
  }

  /** Returns the number of findings of each severity, every severity present, most severe first. */
  Map<Severity, Integer> countsBySeverity() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0);
    }
    entries.forEach(entry -> counts.merge(entry.finding().severity(), 1, Integer::sum));
    return counts;
  }

  /**
   * Points lost per check family, largest first. Families of the report's checks that cost nothing
   * are listed with 0 after the others, so a reader sees what was checked.
   */
  Map<String, Integer> pointsByGroup() {
    Map<String, Integer> points = new LinkedHashMap<>();
    entries.forEach(entry -> points.merge(entry.group(), entry.points(), Integer::sum));
    definitions.values().forEach(definition -> points.putIfAbsent(definition.group(), 0));
    Map<String, Integer> sorted = new LinkedHashMap<>();
    points.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
        .forEachOrdered(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  /** Total points lost, 100 minus the score unless deductions pass 100. */
  int pointsLost() {
    return entries.stream().mapToInt(Entry::points).sum();
  }

  /** Returns the severity in lower case, as the JSON and the text show it: {@code critical} to {@code info}. */
  static String label(Severity severity) {
    return severity.name().toLowerCase(Locale.ROOT);
  }

  /** Returns the severity as a heading word: {@code Critical} to {@code Info}. */
  static String title(Severity severity) {
    String lower = label(severity);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** Describes where an evidence item points, for people: {@code layer 2: /etc/passwd}. */
  static String where(Evidence evidence) {
    return switch (evidence.kind()) {
      case FILE -> "layer #" + evidence.layer() + ": /" + nullToEmpty(evidence.path());
      case HISTORY -> "history entry " + evidence.historyIndex()
          + (evidence.layer() >= 0 ? " (layer #" + evidence.layer() + ")" : " (no layer)");
      case CONFIG -> "config " + nullToEmpty(evidence.field());
      case PACKAGE -> "package" + (evidence.path() == null ? "" : " from "
          + (evidence.layer() >= 0 ? "layer #" + evidence.layer() + ": " : "") + "/" + evidence.path());
      case SCAN -> "vulnerability scan";
      case SIGNATURE -> "signatures";
      case HARBOR -> "Harbor setting" + (evidence.field() == null ? "" : " " + evidence.field());
    };
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
