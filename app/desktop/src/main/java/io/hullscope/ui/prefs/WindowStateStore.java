package io.hullscope.ui.prefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code window.json} in the data folder: the window layout of {@link WindowState}.
 * It is kept apart from the preferences because it is written at every close, while preferences are
 * written only when the user saves them.
 */
public final class WindowStateStore {

  private static final Logger LOG = LoggerFactory.getLogger(WindowStateStore.class);

  public static final String FILE_NAME = "window.json";
  static final int FORMAT_VERSION = 1;
  private static final int MAX_BYTES = 64 << 10;
  private static final int MAX_DIVIDERS = 16;

  private final Path file;

  public WindowStateStore(Path dataFolder) {
    this.file = dataFolder.resolve(FILE_NAME);
  }

  /** Returns the saved layout, or empty when there is none or it cannot be used (logged). */
  public Optional<WindowState> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(JsonFiles.readObject(file, MAX_BYTES)));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Ignoring the saved window layout in {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes the layout; a failure is logged, because losing the layout must not stop the app from closing. */
  public void save(WindowState state) {
    ObjectNode root = JsonFiles.JSON.createObjectNode();
    root.put("version", FORMAT_VERSION);
    root.put("x", state.x());
    root.put("y", state.y());
    root.put("width", state.width());
    root.put("height", state.height());
    root.put("maximized", state.maximized());
    state.dividers().forEach(root.putArray("dividers")::add);
    if (state.lastTab() != null) {
      root.put("lastTab", state.lastTab());
    }
    try {
      JsonFiles.write(file, root);
    } catch (IOException e) {
      LOG.warn("Saving the window layout to {} failed", file, e);
    }
  }

  private static WindowState parse(JsonNode root) throws IOException {
    if (root.path("version").asInt(-1) != FORMAT_VERSION) {
      throw new IOException("unsupported format version " + root.path("version"));
    }
    List<Double> dividers = new ArrayList<>();
    JsonNode array = root.path("dividers");
    if (array.isArray() && array.size() <= MAX_DIVIDERS) {
      for (JsonNode position : array) {
        dividers.add(number(position, "dividers"));
      }
    }
    JsonNode tab = root.path("lastTab");
    return new WindowState(number(root.path("x"), "x"), number(root.path("y"), "y"),
        number(root.path("width"), "width"), number(root.path("height"), "height"),
        root.path("maximized").asBoolean(false), dividers, tab.isTextual() ? tab.asText() : null);
  }

  private static double number(JsonNode node, String field) throws IOException {
    if (!node.isNumber()) {
      throw new IOException(field + " must be a number");
    }
    return node.asDouble();
  }
}
