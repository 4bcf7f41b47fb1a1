package io.hullscope.source.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hullscope.image.Digest;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the daemon's JSON responses ({@code GET /images/{name}/json} and {@code /history}) into
 * the engine's {@link ImageConfig}.
 *
 * <p>Docker's inspect response contains the config's fields unchanged. Podman's (4.3) lacks
 * {@code Healthcheck}, so the caller reads the config blob for that. The history endpoint differs from
 * the config's {@code history}: times are whole seconds, newest entry first, and there is no
 * {@code empty_layer} flag. The daemon reports a layer's size only for entries that produced a
 * layer, so the flag is recovered exactly when the entries with a size above zero are as many
 * as the layers (or every entry is a layer). Otherwise {@link #historyFromApi} returns null and
 * the caller reads the config blob itself.
 */
final class DaemonMetadata {

  static final String DOCKER = "Docker";
  static final String PODMAN = "Podman";

  private DaemonMetadata() {}

  /** Builds the config from an inspect response and the history, oldest history entry first. */
  static ImageConfig config(JsonNode inspect, List<HistoryEntry> history) {
    JsonNode config = inspect.path("Config");
    return new ImageConfig(
        platform(inspect),
        textOrNull(config.path("User")),
        strings(config.path("Entrypoint")),
        strings(config.path("Cmd")),
        strings(config.path("Env")),
        keys(config.path("ExposedPorts")),
        keys(config.path("Volumes")),
        textOrNull(config.path("WorkingDir")),
        labels(config.path("Labels")),
        healthcheck(config.path("Healthcheck")),
        textOrNull(config.path("StopSignal")),
        instantOrNull(inspect.path("Created").asText(null)),
        textOrNull(inspect.path("Author")),
        history,
        diffIds(inspect));
  }

  /**
   * Returns the engine's product name from a {@code GET /version} response: "Podman" when a
   * component is named "Podman Engine" (Podman 4 lists itself so), otherwise "Docker".
   */
  static String engineName(JsonNode version) {
    for (JsonNode component : version.path("Components")) {
      if (component.path("Name").asText("").startsWith("Podman")) {
        return PODMAN;
      }
    }
    return DOCKER;
  }

  /** Returns the {@code RootFS.Layers} of an inspect response: the diff ids, bottom first. */
  static List<Digest> diffIds(JsonNode inspect) {
    List<Digest> ids = new ArrayList<>();
    for (JsonNode layer : inspect.path("RootFS").path("Layers")) {
      ids.add(Digest.parse(layer.asText()));
    }
    return ids;
  }

  static Platform platform(JsonNode inspect) {
    String os = inspect.path("Os").asText("");
    String architecture = inspect.path("Architecture").asText("");
    if (os.isBlank() || architecture.isBlank()) {
      return null;
    }
    return new Platform(os, architecture, inspect.path("Variant").asText(null));
  }

  /**
   * Converts a {@code /history} response to history entries, oldest first, or returns null when
   * the empty-layer flags cannot be recovered from the sizes.
   */
  static List<HistoryEntry> historyFromApi(JsonNode apiHistory, int layerCount) {
    List<JsonNode> oldestFirst = new ArrayList<>();
    apiHistory.forEach(item -> oldestFirst.add(0, item));
    int sized = 0;
    for (JsonNode item : oldestFirst) {
      if (item.path("Size").asLong(0) > 0) {
        sized++;
      }
    }
    boolean allLayers = oldestFirst.size() == layerCount;
    if (!allLayers && sized != layerCount) {
      return null;
    }

    List<HistoryEntry> history = new ArrayList<>();
    for (JsonNode item : oldestFirst) {
      long created = item.path("Created").asLong(0);
      boolean empty = !allLayers && item.path("Size").asLong(0) <= 0;
      history.add(new HistoryEntry(
          created > 0 ? Instant.ofEpochSecond(created) : null,
          textOrNull(item.path("CreatedBy")),
          textOrNull(item.path("Comment")),
          empty));
    }
    return history;
  }

  /**
   * Returns true when a {@code CreatedBy} of a {@code /history} response contains the Dockerfile
   * instruction, ignoring case. The legacy builder writes {@code #(nop)  HEALTHCHECK ...}, and
   * BuildKit and Buildah write the instruction itself.
   */
  static boolean historyMentions(JsonNode apiHistory, String instruction) {
    String upperCase = instruction.toUpperCase(Locale.ROOT);
    for (JsonNode item : apiHistory) {
      if (item.path("CreatedBy").asText("").toUpperCase(Locale.ROOT).contains(upperCase)) {
        return true;
      }
    }
    return false;
  }

  private static Healthcheck healthcheck(JsonNode node) {
    if (!node.isObject()) {
      return null;
    }
    return new Healthcheck(
        strings(node.path("Test")),
        nanos(node.path("Interval")),
        nanos(node.path("Timeout")),
        nanos(node.path("StartPeriod")),
        node.path("Retries").isNumber() ? node.path("Retries").asInt() : null);
  }

  private static Duration nanos(JsonNode node) {
    return node.isNumber() ? Duration.ofNanos(node.asLong()) : null;
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      labels.put(field.getKey(), field.getValue().asText());
    }
    return labels;
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
  }

  private static Instant instantOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
