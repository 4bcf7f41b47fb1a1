package io.hullscope.image;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses an OCI or Docker image config into an {@link ImageConfig}.
 *
 * <p>Required: {@code os}, {@code architecture} and {@code rootfs.diff_ids}. Everything else is
 * optional, unknown fields are ignored, and wrong types end in an {@link ImageReadException}
 * naming the image, the file and the field. Health check durations are nanoseconds, as Docker
 * writes them.
 */
public final class ConfigParser {

  private ConfigParser() {}

  public static ImageConfig parse(byte[] json, String image, String entry) throws ImageReadException {
    JsonObject root = JsonObject.parse(json, image, entry);
    Platform platform = ManifestParser.platform(root);

    JsonObject runtime = root.object("config", false);
    String user = null;
    List<String> entrypoint = null;
    List<String> cmd = null;
    List<String> env = null;
    Set<String> exposedPorts = null;
    Set<String> volumes = null;
    String workingDir = null;
    Map<String, String> labels = null;
    Healthcheck healthcheck = null;
    String stopSignal = null;
    if (runtime != null) {
      user = runtime.string("User", false);
      entrypoint = runtime.strings("Entrypoint");
      cmd = runtime.strings("Cmd");
      env = runtime.strings("Env");
      exposedPorts = runtime.keys("ExposedPorts");
      volumes = runtime.keys("Volumes");
      workingDir = runtime.string("WorkingDir", false);
      labels = runtime.stringMap("Labels");
      healthcheck = healthcheck(runtime.object("Healthcheck", false));
      stopSignal = runtime.string("StopSignal", false);
    }

    List<HistoryEntry> history = new ArrayList<>();
    for (JsonObject item : root.objects("history", false)) {
      history.add(new HistoryEntry(
          instant(item, "created"), item.string("created_by", false), item.string("comment", false), item.bool("empty_layer")));
    }

    JsonObject rootfs = root.object("rootfs", true);
    List<Digest> diffIds = new ArrayList<>();
    List<String> diffIdTexts = rootfs.strings("diff_ids");
    if (diffIdTexts == null) {
      throw rootfs.invalidField("diff_ids", "is missing");
    }
    for (String text : diffIdTexts) {
      try {
        diffIds.add(Digest.parse(text));
      } catch (IllegalArgumentException e) {
        throw rootfs.invalidField("diff_ids", "holds an invalid digest: " + e.getMessage());
      }
    }

    return new ImageConfig(platform, user, entrypoint, cmd, env, exposedPorts, volumes, workingDir, labels,
        healthcheck, stopSignal, instant(root, "created"), root.string("author", false), history, diffIds);
  }

  private static Healthcheck healthcheck(JsonObject json) throws ImageReadException {
    if (json == null) {
      return null;
    }
    Long retries = json.number("Retries", false);
    if (retries != null && (retries < 0 || retries > Integer.MAX_VALUE)) {
      throw json.invalidField("Retries", "must be between 0 and " + Integer.MAX_VALUE + " but is " + retries);
    }
    return new Healthcheck(json.strings("Test"), duration(json, "Interval"), duration(json, "Timeout"),
        duration(json, "StartPeriod"), retries == null ? null : retries.intValue());
  }

  private static Duration duration(JsonObject json, String name) throws ImageReadException {
    Long nanos = json.number(name, false);
    return nanos == null ? null : Duration.ofNanos(nanos);
  }

  /** Reads an RFC 3339 time such as {@code 2024-01-01T00:00:00.123456789+02:00}. */
  private static Instant instant(JsonObject json, String name) throws ImageReadException {
    String text = json.string(name, false);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw json.invalidField(name, "is not an RFC 3339 time: '" + text + "'");
    }
  }
}
