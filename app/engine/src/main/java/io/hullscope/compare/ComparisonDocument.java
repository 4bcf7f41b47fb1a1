package io.hullscope.compare;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HygieneGrade;
import io.hullscope.image.Digest;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.vuln.VulnerabilityMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A comparison laid out as headings, paragraphs, summary cards and tables, in a fixed order. The
 * Markdown, HTML and plain-text writers render the same blocks, so every format lists the same rows.
 */
public final class ComparisonDocument {

  /** One part of the document. */
  public sealed interface Block permits Heading, Paragraph, Cards, Table {}

  /** A heading; level 1 is the title. */
  public record Heading(int level, String text) implements Block {}

  /** A paragraph of plain text. */
  public record Paragraph(String text) implements Block {}

  /** The summary cards. */
  public record Cards(List<ComparisonSummary.Card> cards) implements Block {}

  /** A table whose rows have one cell per header. */
  public record Table(List<String> headers, List<List<String>> rows) implements Block {}

  private final List<Block> blocks = new ArrayList<>();

  private ComparisonDocument() {}

  /** Lays out the given sections of a comparison, in the order of {@link ComparisonSection}. */
  public static List<Block> blocks(ImageComparison comparison, Set<ComparisonSection> sections) {
    ComparisonDocument document = new ComparisonDocument();
    document.header(comparison);
    for (ComparisonSection section : ComparisonSection.values()) {
      if (!sections.contains(section)) {
        continue;
      }
      document.blocks.add(new Heading(2, section.title()));
      switch (section) {
        case CONFIG -> document.config(comparison.config());
        case LAYERS -> document.layers(comparison.layers());
        case FILES -> document.files(comparison.files());
        case PACKAGES -> document.packages(comparison.packages());
        case VULNERABILITIES -> document.vulnerabilities(comparison.vulnerabilities());
        case FINDINGS -> document.findings(comparison.findings());
      }
    }
    return List.copyOf(document.blocks);
  }

  private void header(ImageComparison comparison) {
    blocks.add(new Heading(1, "Comparison: " + comparison.left().name() + " -> " + comparison.right().name()));
    blocks.add(new Paragraph("Left: " + comparison.left().name() + " (" + comparison.left().digest() + "). Right: "
        + comparison.right().name() + " (" + comparison.right().digest() + ")."));
    if (comparison.sameImage()) {
      blocks.add(new Paragraph("Both sides are the same image (same digest)."));
    }
    blocks.add(new Cards(ComparisonSummary.cards(comparison)));
  }

  private void config(List<ConfigChange> changes) {
    if (changes.isEmpty()) {
      blocks.add(new Paragraph("The configs do not differ."));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (ConfigChange change : changes) {
      rows.add(List.of(change.field(), change.key(), word(change.kind()), orDash(change.before()),
          orDash(change.after())));
    }
    blocks.add(new Table(List.of("Field", "Entry", "Change", "Left", "Right"), rows));
  }

  private void layers(LayerComparison layers) {
    blocks.add(new Paragraph(layers.shared().size() + " shared, " + layers.added().size() + " added, "
        + layers.removed().size() + " removed."));
    if (layers.rows().isEmpty()) {
      blocks.add(new Paragraph("Neither image has layers."));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (LayerComparison.Row row : layers.rows()) {
      rows.add(List.of(Integer.toString(row.position()), layerStatus(row), layerText(row.left()),
          layerText(row.right())));
    }
    blocks.add(new Table(List.of("#", "Status", "Left", "Right"), rows));
  }

  /** Returns how a position compares: the same layer, layers both images share elsewhere, or different ones. */
  static String layerStatus(LayerComparison.Row row) {
    if (row.samePosition()) {
      return "same";
    }
    if (row.left() == null) {
      return "right only";
    }
    if (row.right() == null) {
      return "left only";
    }
    return row.left().shared() && row.right().shared() ? "shared, moved" : "different";
  }

  /** Returns a layer as its short diff id, size and history step, or a dash when absent. */
  static String layerText(LayerComparison.Side side) {
    if (side == null) {
      return "-";
    }
    String step = side.createdBy().isEmpty() ? "" : " " + shorten(side.createdBy(), 120);
    return shortDigest(side.diffId()) + " (" + ComparisonSummary.bytes(side.size()) + ")" + step;
  }

  private void files(FileComparison files) {
    blocks.add(new Paragraph(files.added() + " added, " + files.removed() + " removed, " + files.changed()
        + " changed. File bytes " + ComparisonSummary.bytes(files.leftBytes()) + " -> "
        + ComparisonSummary.bytes(files.rightBytes()) + " (" + ComparisonSummary.signedBytes(files.sizeDelta())
        + ")."));
    if (files.changes().isEmpty() && files.omitted() == 0) {
      blocks.add(new Paragraph("The final file systems do not differ."));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (FileChange change : files.changes()) {
      rows.add(List.of(word(change.kind()), "/" + change.path(), stateText(change.before()),
          stateText(change.after()), change.sizeDelta() == 0 ? "" : ComparisonSummary.signedBytes(change.sizeDelta()),
          String.join("; ", change.differences())));
    }
    blocks.add(new Table(List.of("Change", "Path", "Left", "Right", "Size delta", "Details"), rows));
    if (files.omitted() > 0) {
      blocks.add(new Paragraph(files.omitted() + " more differences are not listed; the counts above include them."));
    }
  }

  /** Returns a file's type, size, mode and owner, for example {@code file 12 B 0644 0:0}. */
  public static String stateText(FileChange.State state) {
    if (state == null) {
      return "-";
    }
    StringBuilder text = new StringBuilder(FileChange.State.typeName(state.type()));
    if (state.fileBytes() > 0 || state.type() == io.hullscope.index.EntryType.FILE) {
      text.append(' ').append(ComparisonSummary.bytes(state.size()));
    }
    if (state.mode() >= 0) {
      text.append(String.format(Locale.ROOT, " %04o", state.mode()));
    }
    if (state.uid() >= 0) {
      text.append(' ').append(state.uid()).append(':').append(state.gid());
    }
    if (state.linkTarget() != null) {
      text.append(" -> ").append(state.linkTarget());
    }
    return text.toString();
  }

  private void packages(PackageComparison packages) {
    if (!packages.available()) {
      blocks.add(new Paragraph("Not available: the SBOM of one image could not be built."));
      return;
    }
    blocks.add(new Paragraph(packages.added().size() + " added, " + packages.removed().size() + " removed, "
        + packages.changed().size() + " version changed, " + packages.unchanged() + " unchanged."));
    List<List<String>> rows = new ArrayList<>();
    for (PackageChange change : packages.changed()) {
      String direction = change.direction() == PackageChange.Direction.UNKNOWN ? "changed" : word(change.direction());
      rows.add(List.of(direction, change.type(), change.name(), change.before().pkg().version(),
          change.after().pkg().version()));
    }
    for (ImagePackage found : packages.added()) {
      rows.add(List.of("added", found.pkg().type(), found.pkg().name(), "-", found.pkg().version()));
    }
    for (ImagePackage found : packages.removed()) {
      rows.add(List.of("removed", found.pkg().type(), found.pkg().name(), found.pkg().version(), "-"));
    }
    if (!rows.isEmpty()) {
      blocks.add(new Table(List.of("Change", "Type", "Name", "Left version", "Right version"), rows));
    }
  }

  private void vulnerabilities(VulnerabilityComparison vulnerabilities) {
    if (!vulnerabilities.available()) {
      blocks.add(new Paragraph("Not available: scan both images first (hullscope scan IMAGE)."));
      return;
    }
    blocks.add(new Paragraph(vulnerabilities.added().size() + " new, " + vulnerabilities.fixed().size() + " fixed, "
        + vulnerabilities.stillOpen().size() + " still open."));
    List<List<String>> rows = new ArrayList<>();
    vulnerabilities.added().forEach(match -> rows.add(vulnerabilityRow("new", match)));
    vulnerabilities.fixed().forEach(match -> rows.add(vulnerabilityRow("fixed", match)));
    vulnerabilities.stillOpen().forEach(match -> rows.add(vulnerabilityRow("still open", match)));
    if (!rows.isEmpty()) {
      blocks.add(new Table(List.of("Status", "Id", "Severity", "Package", "Installed", "Fixed in"), rows));
    }
  }

  private static List<String> vulnerabilityRow(String status, VulnerabilityMatch match) {
    return List.of(status, match.id(), match.severity().name().toLowerCase(Locale.ROOT), match.packageName(),
        orDash(match.installedVersion()), orDash(match.fixedVersion()));
  }

  private void findings(FindingComparison findings) {
    blocks.add(new Paragraph("Grade " + gradeText(findings.leftGrade()) + " -> " + gradeText(findings.rightGrade())
        + "."));
    if (!findings.available()) {
      blocks.add(new Paragraph("Not available: the hardening checks did not run on both images."));
      return;
    }
    blocks.add(new Paragraph(findings.added().size() + " new, " + findings.resolved().size() + " resolved, "
        + findings.unchanged() + " unchanged."));
    List<List<String>> rows = new ArrayList<>();
    findings.added().forEach(finding -> rows.add(findingRow("new", finding)));
    findings.resolved().forEach(finding -> rows.add(findingRow("resolved", finding)));
    if (!rows.isEmpty()) {
      blocks.add(new Table(List.of("Status", "Severity", "Id", "Title", "Where"), rows));
    }
  }

  private static List<String> findingRow(String status, Finding finding) {
    return List.of(status, finding.severity().name().toLowerCase(Locale.ROOT), finding.id(), finding.title(),
        where(finding));
  }

  /** Returns the evidence places of a finding, or its location when it has none. */
  static String where(Finding finding) {
    Set<String> places = new LinkedHashSet<>();
    for (Evidence item : finding.evidenceItems()) {
      if (item.path() != null) {
        places.add("/" + item.path());
      } else if (item.field() != null) {
        places.add(item.field());
      }
    }
    if (places.isEmpty()) {
      return finding.location() == null ? "" : finding.location();
    }
    return shorten(String.join(", ", places), 200);
  }

  /** Returns a grade as its letter and score, for example {@code B (78)}, or {@code ?} when missing. */
  public static String gradeText(HygieneGrade grade) {
    return grade == null ? "?" : grade.letter() + " (" + grade.score() + ")";
  }

  static String shortDigest(Digest digest) {
    return digest.algorithm() + ":" + digest.shortHex();
  }

  private static String word(Enum<?> kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static String orDash(String text) {
    return text == null || text.isEmpty() ? "-" : text;
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
