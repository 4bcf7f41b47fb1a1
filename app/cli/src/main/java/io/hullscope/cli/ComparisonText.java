package io.hullscope.cli;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomComparison;
import io.hullscope.sbom.SbomImport;
import io.hullscope.sbom.SbomImporter;
import java.nio.file.Path;
import java.util.List;

/** Writes the comparison of our SBOM with another tool's as text for {@code hullscope sbom --compare}. */
final class ComparisonText {

  private ComparisonText() {}

  static String write(ImageSbom ours, SbomImport imported, Path file) {
    ImageSbom theirs = SbomImporter.withLayers(imported, ours.layers());
    SbomComparison comparison = SbomComparison.compare(ours, theirs);
    StringBuilder text = new StringBuilder();
    text.append("Ours:   ").append(ours.packages().size()).append(" packages (").append(ours.tool()).append(")\n");
    text.append("Theirs: ").append(theirs.packages().size()).append(" packages in ").append(file)
        .append(" (").append(imported.format()).append(theirs.tool() == null ? "" : ", " + theirs.tool()).append(")\n");
    text.append(comparison.summary()).append('\n');
    if (!comparison.differentVersions().isEmpty()) {
      text.append("\nDifferent versions:\n");
      for (SbomComparison.Match match : comparison.differentVersions()) {
        text.append("  ").append(label(match.ours())).append(": ours ").append(match.ours().pkg().version())
            .append(", theirs ").append(match.theirs().pkg().version()).append('\n');
      }
    }
    section(text, "Only in ours", comparison.onlyInOurs());
    section(text, "Only in theirs", comparison.onlyInTheirs());
    return text.toString().stripTrailing();
  }

  private static void section(StringBuilder text, String title, List<ImagePackage> packages) {
    if (packages.isEmpty()) {
      return;
    }
    text.append('\n').append(title).append(":\n");
    // Sorted, so a reader can find a package and two runs can be compared line by line.
    List<ImagePackage> sorted = packages.stream()
        .sorted(java.util.Comparator.comparing(ComparisonText::label)
            .thenComparing(found -> String.valueOf(found.pkg().version())))
        .toList();
    for (ImagePackage found : sorted) {
      text.append("  ").append(label(found)).append(' ').append(found.pkg().version());
      if (found.pkg().evidencePath() != null) {
        text.append("  (/").append(found.pkg().evidencePath()).append(')');
      }
      text.append('\n');
    }
  }

  private static String label(ImagePackage found) {
    return found.pkg().type() + "/" + found.pkg().name();
  }
}
