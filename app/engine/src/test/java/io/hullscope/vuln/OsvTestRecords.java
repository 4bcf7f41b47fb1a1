package io.hullscope.vuln;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds OSV record JSON and export zips for tests. */
public final class OsvTestRecords {

  private OsvTestRecords() {}

  /**
   * Returns a record with one affected package and one ECOSYSTEM range from {@code introduced} to
   * {@code fixed} (no fixed event when {@code fixed} is null).
   */
  public static String record(String id, String modified, String ecosystem, String name, String introduced,
      String fixed, String... aliases) {
    StringBuilder events = new StringBuilder("{\"introduced\":\"" + introduced + "\"}");
    if (fixed != null) {
      events.append(",{\"fixed\":\"").append(fixed).append("\"}");
    }
    StringBuilder aliasList = new StringBuilder();
    for (String alias : aliases) {
      aliasList.append(aliasList.length() == 0 ? "" : ",").append('"').append(alias).append('"');
    }
    return "{\"id\":\"" + id + "\",\"modified\":\"" + modified + "\",\"aliases\":[" + aliasList + "],"
        + "\"summary\":\"test advisory " + id + "\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem + "\",\"name\":\"" + name + "\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[" + events + "]}]}]}";
  }

  /** Writes a zip with one entry per map entry (name to content), in map order. */
  public static Path zip(Path file, Map<String, String> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }
}
