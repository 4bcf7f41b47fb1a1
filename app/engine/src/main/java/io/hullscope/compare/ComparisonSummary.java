package io.hullscope.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The headline numbers of a comparison as short labelled values, shared by the writers and the
 * desktop's summary cards so that both show the same numbers.
 */
public final class ComparisonSummary {

  /**
   * One headline.
   *
   * @param label what is counted, for example {@code Size}
   * @param value the left and right values or the counts, for example {@code 12.0 MiB -> 8.0 MiB}
   * @param detail a second line, for example the difference; may be empty
   */
  public record Card(String label, String value, String detail) {}

  private ComparisonSummary() {}

  /** Returns the headlines: size, layers, files, packages, vulnerabilities and grade. */
  public static List<Card> cards(ImageComparison comparison) {
    List<Card> cards = new ArrayList<>();
    FileComparison files = comparison.files();
    cards.add(new Card("Size of all files", bytes(files.leftBytes()) + " -> " + bytes(files.rightBytes()),
        signedBytes(files.sizeDelta())));
    LayerComparison layers = comparison.layers();
    cards.add(new Card("Layers shared", layers.shared().size() + " (" + comparison.left().analysis().layers().size()
        + " before, " + comparison.right().analysis().layers().size() + " after)",
        layers.added().size() + " added, " + layers.removed().size() + " removed"));
    cards.add(new Card("Files", files.added() + " added, " + files.removed() + " removed",
        files.changed() + " changed"));
    PackageComparison packages = comparison.packages();
    cards.add(packages.available()
        ? new Card("Packages", packages.added().size() + " added, " + packages.removed().size() + " removed",
            packages.changed().size() + " version changed")
        : new Card("Packages", "not available", "an SBOM is missing"));
    VulnerabilityComparison vulnerabilities = comparison.vulnerabilities();
    cards.add(vulnerabilities.available()
        ? new Card("Vulnerabilities", vulnerabilities.added().size() + " new, " + vulnerabilities.fixed().size()
            + " fixed", vulnerabilities.stillOpen().size() + " still open")
        : new Card("Vulnerabilities", "not scanned", "scan both images to compare them"));
    FindingComparison findings = comparison.findings();
    cards.add(new Card("Grade", grade(findings.leftGrade() == null ? null : findings.leftGrade().letter()) + " -> "
        + grade(findings.rightGrade() == null ? null : findings.rightGrade().letter()),
        findings.available() ? findings.added().size() + " new, " + findings.resolved().size() + " resolved findings"
            : "the checks did not run on both images"));
    return cards;
  }

  private static String grade(Character letter) {
    return letter == null ? "?" : letter.toString();
  }

  /** Formats a byte count with binary units, for example {@code 1.5 KiB}. */
  public static String bytes(long bytes) {
    long magnitude = Math.abs(bytes);
    if (magnitude < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = magnitude;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%s%.1f %s", bytes < 0 ? "-" : "", value, units[unit]);
  }

  /** Formats a byte difference with its sign, for example {@code +1.5 KiB} or {@code -200 B}. */
  public static String signedBytes(long bytes) {
    return (bytes > 0 ? "+" : "") + bytes(bytes);
  }
}
