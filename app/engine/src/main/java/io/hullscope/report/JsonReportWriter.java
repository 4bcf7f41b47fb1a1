package io.hullscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.check.CheckDefinition;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.UserVerdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Writes a hardening report as JSON. The layout is described by {@code docs/report-schema.json}
 * and {@code docs/report-format.md}; {@link #SCHEMA_VERSION} changes its major number whenever a
 * field is removed or changes meaning, and its minor number when fields are added.
 */
final class JsonReportWriter {

  /** Version of the JSON layout, written as {@code schemaVersion}. */
  static final String SCHEMA_VERSION = "1.0";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  void write(ReportModel model, OutputStream out) throws IOException {
    MAPPER.writeValue(out, toJson(model));
  }

  static ObjectNode toJson(ReportModel model) {
    HardeningReport report = model.report();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("tool", report.tool());
    root.put("createdAt", report.createdAt().toString());

    ObjectNode image = root.putObject("image");
    image.put("name", report.imageName());
    if (report.digest() == null) {
      image.putNull("digest");
    } else {
      image.put("digest", report.digest().toString());
    }

    ObjectNode grade = root.putObject("grade");
    grade.put("letter", String.valueOf(report.grade().letter()));
    grade.put("score", report.grade().score());
    grade.put("pointsLost", model.pointsLost());
    grade.put("explanation", ReportRedaction.redact(report.grade().explanation()));
    ObjectNode byGroup = grade.putObject("pointsLostByFamily");
    model.pointsByGroup().forEach(byGroup::put);

    root.set("user", user(report.user()));

    ObjectNode summary = root.putObject("summary");
    model.countsBySeverity().forEach((severity, count) -> summary.put(ReportModel.label(severity), count));

    ArrayNode checks = root.putArray("checks");
    for (CheckDefinition definition : model.definitions()) {
      ObjectNode check = checks.addObject();
      check.put("id", definition.id());
      check.put("title", definition.title());
      check.put("family", definition.group());
      check.put("defaultSeverity", ReportModel.label(definition.defaultSeverity()));
      check.put("rationale", definition.rationale());
    }

    ArrayNode findings = root.putArray("findings");
    model.entries().forEach(entry -> findings.add(finding(entry)));
    return root;
  }

  private static ObjectNode user(UserVerdict verdict) {
    if (verdict == null) {
      return null;
    }
    ObjectNode user = MAPPER.createObjectNode();
    user.put("configuredUser", verdict.configuredUser());
    user.put("outcome", verdict.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (verdict.uid() == null) {
      user.putNull("uid");
    } else {
      user.put("uid", verdict.uid());
    }
    if (verdict.gid() == null) {
      user.putNull("gid");
    } else {
      user.put("gid", verdict.gid());
    }
    user.put("explanation", ReportRedaction.redact(verdict.explanation()));
    ArrayNode warnings = user.putArray("warnings");
    verdict.warnings().forEach(warning -> warnings.add(ReportRedaction.redact(warning)));
    return user;
  }

  private static ObjectNode finding(ReportModel.Entry entry) {
    Finding finding = entry.finding();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", finding.id());
    node.put("title", entry.title());
    node.put("severity", ReportModel.label(finding.severity()));
    node.put("confidence", finding.confidence().name().toLowerCase(Locale.ROOT));
    node.put("family", entry.group());
    node.put("points", entry.points());
    node.put("rationale", nullToEmpty(finding.rationale()));
    node.put("evidence", entry.evidence());
    node.put("suggestion", entry.suggestion());
    node.put("location", nullToEmpty(finding.location()));
    ArrayNode items = node.putArray("evidenceItems");
    for (Evidence evidence : entry.evidenceItems()) {
      ObjectNode item = items.addObject();
      item.put("kind", evidence.kind().name().toLowerCase(Locale.ROOT));
      if (evidence.layer() >= 0) {
        item.put("layer", evidence.layer());
      }
      if (evidence.path() != null) {
        item.put("path", evidence.path());
      }
      if (evidence.historyIndex() >= 0) {
        item.put("historyIndex", evidence.historyIndex());
      }
      if (evidence.field() != null) {
        item.put("field", evidence.field());
      }
      item.put("text", evidence.text());
    }
    return node;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
