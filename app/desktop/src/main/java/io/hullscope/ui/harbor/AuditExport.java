package io.hullscope.ui.harbor;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hullscope.check.Finding;
import io.hullscope.check.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a Harbor project audit as Markdown (for a ticket or a wiki page) or JSON (for scripts).
 * Findings come from settings only, so neither format can contain a secret.
 */
public final class AuditExport {

  /** Export formats with their file extension. */
  public enum Format {
    MARKDOWN("md"),
    JSON("json");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  private AuditExport() {}

  /** Writes the audit in the format; does not close the stream. */
  public static void write(ProjectAudit audit, Format format, OutputStream out) throws IOException {
    if (format == Format.JSON) {
      writeJson(audit, out);
    } else {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      writer.write(markdown(audit));
      writer.flush();
    }
  }

  /** Returns the audit as Markdown: a heading per severity, one section per finding. */
  public static String markdown(ProjectAudit audit) {
    StringBuilder text = new StringBuilder();
    text.append("# Harbor audit of project ").append(inline(audit.project())).append("\n\n");
    text.append("- Harbor: ").append(inline(audit.harborUrl().toString()))
        .append(audit.harborVersion() == null ? "" : " (" + inline(audit.harborVersion()) + ")").append('\n');
    text.append("- Account: ").append(inline(audit.account())).append('\n');
    text.append("- Time: ").append(audit.time()).append('\n');
    text.append("- Findings: ").append(audit.findings().size()).append(counts(audit.findings())).append("\n");
    if (!audit.unreadable().isEmpty()) {
      text.append("- Not checked, because this account may not read them: ")
          .append(inline(String.join(", ", audit.unreadable()))).append('\n');
    }
    if (audit.findings().isEmpty()) {
      text.append("\nNo findings.\n");
    }
    for (Severity severity : Severity.values()) {
      List<Finding> group = audit.findings().stream().filter(finding -> finding.severity() == severity).toList();
      if (group.isEmpty()) {
        continue;
      }
      text.append("\n## ").append(title(severity)).append("\n");
      for (Finding finding : group) {
        text.append("\n### ").append(inline(finding.title())).append(" (`").append(finding.id()).append("`)\n\n");
        text.append("- Why: ").append(inline(finding.rationale())).append('\n');
        text.append("- Evidence: ").append(inline(finding.evidence())).append('\n');
        text.append("- Fix: ").append(inline(finding.suggestion())).append('\n');
        text.append("- Where: ").append(inline(finding.location())).append('\n');
      }
    }
    return text.toString();
  }

  private static String counts(List<Finding> findings) {
    StringBuilder text = new StringBuilder();
    for (Severity severity : Severity.values()) {
      long count = findings.stream().filter(finding -> finding.severity() == severity).count();
      if (count > 0) {
        text.append(text.length() == 0 ? " (" : ", ").append(count).append(' ').append(title(severity).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return text.length() == 0 ? "" : text.append(')').toString();
  }

  /** Returns a severity as a heading, for example "High". */
  static String title(Severity severity) {
    String name = severity.name();
    return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Keeps a Harbor value on one Markdown line and stops it from adding markup: line breaks become
   * spaces, and emphasis, code, link and HTML characters are escaped. A value never starts a line,
   * so {@code #} and {@code >} stay as they are.
   */
  static String inline(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder text = new StringBuilder(value.length());
    for (char c : value.replace('\r', ' ').replace('\n', ' ').toCharArray()) {
      if ("\\`*_[]<".indexOf(c) >= 0) {
        text.append('\\');
      }
      text.append(c);
    }
    return text.toString();
  }

  private static void writeJson(ProjectAudit audit, OutputStream out) throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("harbor", audit.harborUrl().toString());
      json.writeStringField("harborVersion", audit.harborVersion());
      json.writeStringField("project", audit.project());
      json.writeStringField("account", audit.account());
      json.writeStringField("time", audit.time().toString());
      json.writeArrayFieldStart("unreadable");
      for (String part : audit.unreadable()) {
        json.writeString(part);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("findings");
      for (Finding finding : audit.findings()) {
        json.writeStartObject();
        json.writeStringField("id", finding.id());
        json.writeStringField("severity", finding.severity().name());
        json.writeStringField("title", finding.title());
        json.writeStringField("rationale", finding.rationale());
        json.writeStringField("evidence", finding.evidence());
        json.writeStringField("suggestion", finding.suggestion());
        json.writeStringField("location", finding.location());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.flush();
  }
}
