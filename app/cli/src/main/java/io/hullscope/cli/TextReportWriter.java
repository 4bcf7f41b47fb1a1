package io.hullscope.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints an {@link InspectReport} as aligned plain text for a terminal or a CI log. Sizes carry the
 * window's names: stored (the blob as stored), unpacked (the tar after decompression) and final file
 * system (the files a container sees).
 */
final class TextReportWriter {

  private static final int MAX_COMMAND_LENGTH = 100;

  private final PrintWriter out;

  TextReportWriter(PrintWriter out) {
    this.out = out;
  }

  void write(InspectReport report) {
    InspectReport.ImageInfo image = report.image();
    out.println("Image");
    field("References", image.references().isEmpty() ? "<none>" : String.join(", ", image.references()));
    field("Digest", image.digest());
    field("Config digest", image.configDigest());
    field("Platform", image.platform());
    field("Created", image.created());
    field("Source", image.source());

    InspectReport.ConfigInfo config = report.config();
    out.println();
    out.println("Config");
    field("User", config.user().isEmpty() ? "root (unset)" : config.user());
    InspectReport.UserInfo user = report.user();
    field("Runs as", user.explanation());
    if (!user.findings().isEmpty()) {
      field("User findings", String.join(", ", user.findings()));
    }
    field("Entrypoint", list(config.entrypoint()));
    field("Cmd", list(config.cmd()));
    field("Working dir", config.workingDir());
    field("Env", list(config.env()));
    field("Exposed ports", list(config.exposedPorts()));
    field("Volumes", list(config.volumes()));
    field("Labels", labels(config.labels()));
    field("Healthcheck", config.healthcheck() == null ? null : list(config.healthcheck()));

    out.println();
    out.println("Layers");
    out.printf(Locale.ROOT, "  %3s  %10s  %10s  %7s  %s%n", "#", "stored", "unpacked", "entries", "created by");
    for (InspectReport.LayerInfo layer : report.layers()) {
      out.printf(Locale.ROOT, "  %3d  %10s  %10s  %7d  %s%n",
          layer.index(),
          ByteSizes.format(layer.storedSize()),
          ByteSizes.format(layer.unpackedSize()),
          layer.entries(),
          shorten(layer.createdBy()));
    }

    InspectReport.TreeStats tree = report.tree();
    out.println();
    out.println("Sizes");
    field("Unpacked size", ByteSizes.format(tree.unpackedSize()));
    field("Final file system", ByteSizes.format(tree.filesSize()) + " in " + tree.files()
        + (tree.files() == 1 ? " file" : " files"));
    field("Wasted", ByteSizes.format(tree.wastedBytes()));
    field("Efficiency", String.format(Locale.ROOT, "%.1f %%", tree.efficiency() * 100));
    out.flush();
  }

  private void field(String name, String value) {
    out.printf(Locale.ROOT, "  %-18s %s%n", name + ":", value == null || value.isEmpty() ? "-" : value);
  }

  private static String list(List<String> values) {
    return values.isEmpty() ? "-" : String.join(" ", values);
  }

  private static String labels(Map<String, String> labels) {
    StringBuilder text = new StringBuilder();
    labels.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ").append(key).append('=').append(value));
    return text.toString();
  }

  private static String shorten(String command) {
    if (command == null) {
      return "-";
    }
    String oneLine = command.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_COMMAND_LENGTH ? oneLine : oneLine.substring(0, MAX_COMMAND_LENGTH - 3) + "...";
  }
}
