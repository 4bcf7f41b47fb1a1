package io.hullscope.compare;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The hardening findings of two images. Two findings are the same when they have the same check id,
 * location and evidence places (file paths, config fields, package evidence files). Layer positions
 * are left out of the match, because a rebuilt image may put the same file in another layer.
 *
 * @param available false when either image has no hardening report; the lists are then empty
 * @param leftGrade the left image's grade, or null without a report
 * @param rightGrade the right image's grade, or null without a report
 * @param added findings only the right image has, most severe first
 * @param resolved findings only the left image has, most severe first
 * @param unchanged number of findings both have
 */
public record FindingComparison(boolean available, HygieneGrade leftGrade, HygieneGrade rightGrade, List<Finding> added,
    List<Finding> resolved, int unchanged) {

  public FindingComparison {
    added = List.copyOf(added);
    resolved = List.copyOf(resolved);
  }

  static FindingComparison of(HardeningReport left, HardeningReport right) {
    if (left == null || right == null) {
      return new FindingComparison(false, left == null ? null : left.grade(), right == null ? null : right.grade(),
          List.of(), List.of(), 0);
    }
    // Counts per key, so two findings with one key in the left image pair with two in the right.
    Map<String, Integer> leftCounts = new HashMap<>();
    left.findings().forEach(finding -> leftCounts.merge(key(finding), 1, Integer::sum));

    List<Finding> added = new ArrayList<>();
    int unchanged = 0;
    for (Finding finding : right.findings()) {
      String key = key(finding);
      int remaining = leftCounts.getOrDefault(key, 0);
      if (remaining > 0) {
        leftCounts.put(key, remaining - 1);
        unchanged++;
      } else {
        added.add(finding);
      }
    }

    List<Finding> resolved = new ArrayList<>();
    Map<String, Integer> rightCounts = new HashMap<>();
    right.findings().forEach(finding -> rightCounts.merge(key(finding), 1, Integer::sum));
    for (Finding finding : left.findings()) {
      String key = key(finding);
      int remaining = rightCounts.getOrDefault(key, 0);
      if (remaining > 0) {
        rightCounts.put(key, remaining - 1);
      } else {
        resolved.add(finding);
      }
    }

    // Reports keep findings most severe first already; that order is kept.
    return new FindingComparison(true, left.grade(), right.grade(), added, resolved, unchanged);
  }

  static String key(Finding finding) {
    TreeSet<String> places = new TreeSet<>();
    for (Evidence item : finding.evidenceItems()) {
      switch (item.kind()) {
        case FILE, PACKAGE -> places.add(item.kind() + ":" + item.path());
        case CONFIG -> places.add(item.kind() + ":" + item.field());
        default -> { }
      }
    }
    return finding.id() + "\u0000" + finding.location() + "\u0000" + places;
  }
}
