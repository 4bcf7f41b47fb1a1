package io.hullscope.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hullscope.check.Finding;
import io.hullscope.check.HygieneGrade;
import io.hullscope.image.Digest;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes a comparison as one JSON object with a member per chosen section. */
final class JsonComparisonWriter {

  private static final JsonFactory FACTORY = JsonFactory.builder().build()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private JsonComparisonWriter() {}

  static void write(ImageComparison comparison, Set<ComparisonSection> sections, OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      image(json, "left", comparison.left());
      image(json, "right", comparison.right());
      json.writeBooleanField("sameImage", comparison.sameImage());
      json.writeArrayFieldStart("summary");
      for (ComparisonSummary.Card card : ComparisonSummary.cards(comparison)) {
        json.writeStartObject();
        json.writeStringField("label", card.label());
        json.writeStringField("value", card.value());
        json.writeStringField("detail", card.detail());
        json.writeEndObject();
      }
      json.writeEndArray();
      if (sections.contains(ComparisonSection.CONFIG)) {
        config(json, comparison.config());
      }
      if (sections.contains(ComparisonSection.LAYERS)) {
        layers(json, comparison.layers());
      }
      if (sections.contains(ComparisonSection.FILES)) {
        files(json, comparison.files());
      }
      if (sections.contains(ComparisonSection.PACKAGES)) {
        packages(json, comparison.packages());
      }
      if (sections.contains(ComparisonSection.VULNERABILITIES)) {
        vulnerabilities(json, comparison.vulnerabilities());
      }
      if (sections.contains(ComparisonSection.FINDINGS)) {
        findings(json, comparison.findings());
      }
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void image(JsonGenerator json, String field, ComparedImage image) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("name", image.name());
    json.writeStringField("digest", image.digest().toString());
    json.writeNumberField("layers", image.analysis().layers().size());
    json.writeEndObject();
  }

  private static void config(JsonGenerator json, List<ConfigChange> changes) throws IOException {
    json.writeArrayFieldStart("config");
    for (ConfigChange change : changes) {
      json.writeStartObject();
      json.writeStringField("field", change.field());
      json.writeStringField("key", change.key());
      json.writeStringField("change", word(change.kind()));
      json.writeStringField("left", change.before());
      json.writeStringField("right", change.after());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void layers(JsonGenerator json, LayerComparison layers) throws IOException {
    json.writeObjectFieldStart("layers");
    digests(json, "shared", layers.shared());
    digests(json, "added", layers.added());
    digests(json, "removed", layers.removed());
    json.writeArrayFieldStart("byPosition");
    for (LayerComparison.Row row : layers.rows()) {
      json.writeStartObject();
      json.writeNumberField("position", row.position());
      json.writeStringField("status", ComparisonDocument.layerStatus(row));
      layerSide(json, "left", row.left());
      layerSide(json, "right", row.right());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void layerSide(JsonGenerator json, String field, LayerComparison.Side side) throws IOException {
    if (side == null) {
      json.writeNullField(field);
      return;
    }
    json.writeObjectFieldStart(field);
    json.writeStringField("diffId", side.diffId().toString());
    json.writeNumberField("size", side.size());
    json.writeStringField("createdBy", side.createdBy());
    json.writeBooleanField("shared", side.shared());
    json.writeEndObject();
  }

  private static void digests(JsonGenerator json, String field, List<Digest> digests) throws IOException {
    json.writeArrayFieldStart(field);
    for (Digest digest : digests) {
      json.writeString(digest.toString());
    }
    json.writeEndArray();
  }

  private static void files(JsonGenerator json, FileComparison files) throws IOException {
    json.writeObjectFieldStart("files");
    json.writeNumberField("added", files.added());
    json.writeNumberField("removed", files.removed());
    json.writeNumberField("changed", files.changed());
    json.writeNumberField("omitted", files.omitted());
    json.writeNumberField("leftBytes", files.leftBytes());
    json.writeNumberField("rightBytes", files.rightBytes());
    json.writeNumberField("sizeDelta", files.sizeDelta());
    json.writeArrayFieldStart("changes");
    for (FileChange change : files.changes()) {
      json.writeStartObject();
      json.writeStringField("path", change.path());
      json.writeStringField("change", word(change.kind()));
      fileState(json, "left", change.before());
      fileState(json, "right", change.after());
      json.writeNumberField("sizeDelta", change.sizeDelta());
      json.writeArrayFieldStart("differences");
      for (String difference : change.differences()) {
        json.writeString(difference);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void fileState(JsonGenerator json, String field, FileChange.State state) throws IOException {
    if (state == null) {
      json.writeNullField(field);
      return;
    }
    json.writeObjectFieldStart(field);
    json.writeStringField("type", FileChange.State.typeName(state.type()));
    json.writeNumberField("size", state.size());
    if (state.mode() >= 0) {
      json.writeStringField("mode", String.format(Locale.ROOT, "%04o", state.mode()));
      json.writeNumberField("uid", state.uid());
      json.writeNumberField("gid", state.gid());
    }
    if (state.linkTarget() != null) {
      json.writeStringField("linkTarget", state.linkTarget());
    }
    json.writeEndObject();
  }

  private static void packages(JsonGenerator json, PackageComparison packages) throws IOException {
    json.writeObjectFieldStart("packages");
    json.writeBooleanField("available", packages.available());
    packageList(json, "added", packages.added());
    packageList(json, "removed", packages.removed());
    json.writeArrayFieldStart("changed");
    for (PackageChange change : packages.changed()) {
      json.writeStartObject();
      json.writeStringField("type", change.type());
      json.writeStringField("name", change.name());
      json.writeStringField("left", change.before().pkg().version());
      json.writeStringField("right", change.after().pkg().version());
      json.writeStringField("direction", word(change.direction()));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeNumberField("unchanged", packages.unchanged());
    json.writeEndObject();
  }

  private static void packageList(JsonGenerator json, String field, List<ImagePackage> packages) throws IOException {
    json.writeArrayFieldStart(field);
    for (ImagePackage found : packages) {
      json.writeStartObject();
      json.writeStringField("type", found.pkg().type());
      json.writeStringField("name", found.pkg().name());
      json.writeStringField("version", found.pkg().version());
      json.writeStringField("purl", found.pkg().purl());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void vulnerabilities(JsonGenerator json, VulnerabilityComparison vulnerabilities) throws IOException {
    json.writeObjectFieldStart("vulnerabilities");
    json.writeBooleanField("available", vulnerabilities.available());
    matches(json, "new", vulnerabilities.added());
    matches(json, "fixed", vulnerabilities.fixed());
    matches(json, "stillOpen", vulnerabilities.stillOpen());
    json.writeEndObject();
  }

  private static void matches(JsonGenerator json, String field, List<VulnerabilityMatch> matches) throws IOException {
    json.writeArrayFieldStart(field);
    for (VulnerabilityMatch match : matches) {
      json.writeStartObject();
      json.writeStringField("id", match.id());
      json.writeStringField("severity", word(match.severity()));
      json.writeStringField("package", match.packageName());
      json.writeStringField("installedVersion", match.installedVersion());
      json.writeStringField("fixedVersion", match.fixedVersion());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void findings(JsonGenerator json, FindingComparison findings) throws IOException {
    json.writeObjectFieldStart("findings");
    json.writeBooleanField("available", findings.available());
    grade(json, "leftGrade", findings.leftGrade());
    grade(json, "rightGrade", findings.rightGrade());
    findingList(json, "new", findings.added());
    findingList(json, "resolved", findings.resolved());
    json.writeNumberField("unchanged", findings.unchanged());
    json.writeEndObject();
  }

  private static void grade(JsonGenerator json, String field, HygieneGrade grade) throws IOException {
    if (grade == null) {
      json.writeNullField(field);
      return;
    }
    json.writeObjectFieldStart(field);
    json.writeStringField("letter", String.valueOf(grade.letter()));
    json.writeNumberField("score", grade.score());
    json.writeEndObject();
  }

  private static void findingList(JsonGenerator json, String field, List<Finding> findings) throws IOException {
    json.writeArrayFieldStart(field);
    for (Finding finding : findings) {
      json.writeStartObject();
      json.writeStringField("id", finding.id());
      json.writeStringField("severity", word(finding.severity()));
      json.writeStringField("title", finding.title());
      json.writeStringField("where", ComparisonDocument.where(finding));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
