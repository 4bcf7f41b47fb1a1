package io.hullscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.vuln.ScannerComparison;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a {@link ScannerComparison} as three tables (found by both, only by one, only by the other) or as JSON. */
final class ScanComparisonText {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScanComparisonText() {}

  static void print(PrintWriter out, ScannerComparison comparison, String format) throws IOException {
    if (format.equals("json")) {
      out.println(MAPPER.writeValueAsString(toJson(comparison)));
      out.flush();
      return;
    }
    out.println("Comparing " + comparison.left() + " with " + comparison.right() + ": " + comparison.both().size()
        + " found by both, " + comparison.onlyLeft().size() + " only by " + comparison.left() + ", "
        + comparison.onlyRight().size() + " only by " + comparison.right());
    if (!comparison.both().isEmpty()) {
      out.println();
      out.println("Found by both:");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "PACKAGE", "INSTALLED", "FIXED (" + comparison.left() + ")",
          "FIXED (" + comparison.right() + ")", "OTHER ID"});
      for (ScannerComparison.Pair pair : comparison.both()) {
        VulnerabilityMatch left = pair.left();
        VulnerabilityMatch right = pair.right();
        rows.add(new String[] {left.id(), left.packageName(), left.installedVersion(), fixed(left), fixed(right),
            right.id().equals(left.id()) ? "-" : right.id()});
      }
      TextTable.print(out, rows);
    }
    printOnly(out, "Only " + comparison.left() + ":", comparison.onlyLeft());
    printOnly(out, "Only " + comparison.right() + ":", comparison.onlyRight());
    out.flush();
  }

  private static void printOnly(PrintWriter out, String title, List<VulnerabilityMatch> matches) {
    if (matches.isEmpty()) {
      return;
    }
    out.println();
    out.println(title);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED"});
    for (VulnerabilityMatch match : matches) {
      rows.add(new String[] {match.severity().name(), match.id(), match.packageName(), match.installedVersion(),
          fixed(match)});
    }
    TextTable.print(out, rows);
  }

  private static String fixed(VulnerabilityMatch match) {
    return match.fixable() ? match.fixedVersion() : "-";
  }

  private static ObjectNode toJson(ScannerComparison comparison) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("left", comparison.left());
    root.put("right", comparison.right());
    ArrayNode both = root.putArray("both");
    for (ScannerComparison.Pair pair : comparison.both()) {
      ObjectNode entry = both.addObject();
      entry.set("left", MAPPER.valueToTree(pair.left()));
      entry.set("right", MAPPER.valueToTree(pair.right()));
    }
    root.set("onlyLeft", MAPPER.valueToTree(comparison.onlyLeft()));
    root.set("onlyRight", MAPPER.valueToTree(comparison.onlyRight()));
    return root;
  }
}
