package io.hullscope.ui.prefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code preferences.json} in the data folder. The file is only written by
 * {@link #save}; a file that cannot be used is left as it is until the user saves new preferences.
 *
 * <p>Layout, version 1: {@code {"version": 1, "docker": {"host": ...}, "registries": [{"host",
 * "insecure", "caFile"}], "vulnerabilities": {"osvBase", "ecosystems": [...], "schedule":
 * "NEVER"|"ON_START", "afterDays"}, "limits": {"maxEntrySize", "maxLayerSize",
 * "maxEntriesPerLayer", "maxMetadataSize", "backgroundThreads"}}}. Sizes are in bytes. Missing
 * fields take their defaults.
 */
public final class PreferencesStore {

  private static final Logger LOG = LoggerFactory.getLogger(PreferencesStore.class);

  /** File name inside the data folder. */
  public static final String FILE_NAME = "preferences.json";

  /** Default size bound: preferences are a few hundred bytes, so anything larger is not ours. */
  public static final int DEFAULT_MAX_BYTES = 256 << 10;

  /** Most saved registry hosts and ecosystems read from the file. */
  static final int MAX_LIST_ITEMS = 500;

  private final Path file;
  private final int maxBytes;

  public PreferencesStore(Path dataFolder) {
    this(dataFolder, DEFAULT_MAX_BYTES);
  }

  public PreferencesStore(Path dataFolder, int maxBytes) {
    this.file = dataFolder.resolve(FILE_NAME);
    this.maxBytes = maxBytes;
  }

  /** The preferences read at start and, when they are the defaults because the file was unusable, why. */
  public record Loaded(UserPreferences preferences, String notice) {

    /** Returns true when the file could not be used and the defaults are in effect. */
    public boolean fellBack() {
      return notice != null;
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Reads the preferences. A missing file gives the defaults without a notice. An unreadable,
   * corrupt, newer or out-of-range file gives the defaults, a logged warning and a notice for the user.
   */
  public Loaded load() {
    if (!Files.exists(file)) {
      return new Loaded(UserPreferences.DEFAULT, null);
    }
    try {
      return new Loaded(parse(JsonFiles.readObject(file, maxBytes)), null);
    } catch (NoSuchFileException e) {
      return new Loaded(UserPreferences.DEFAULT, null);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Using default preferences because {} could not be used: {}", file, e.getMessage());
      return new Loaded(UserPreferences.DEFAULT, "Preferences in " + file + " could not be used (" + e.getMessage()
          + "). The defaults apply; the file stays as it is until you save in Preferences.");
    }
  }

  /** Writes the preferences, replacing the file. */
  public void save(UserPreferences preferences) throws IOException {
    JsonFiles.write(file, toJson(preferences));
    LOG.info("Saved preferences to {}", file);
  }

  static UserPreferences parse(JsonNode root) throws IOException {
    int version = integer(root, "version", -1);
    if (version < 1) {
      throw new IOException("the format version is missing or invalid");
    }
    if (version > UserPreferences.FORMAT_VERSION) {
      throw new IOException("format version " + version + " was written by a newer Hullscope; this one reads up to "
          + UserPreferences.FORMAT_VERSION);
    }
    UserPreferences defaults = UserPreferences.DEFAULT;
    JsonNode docker = object(root, "docker");
    JsonNode vulnerabilities = object(root, "vulnerabilities");
    JsonNode limits = object(root, "limits");
    LimitSettings limitDefaults = defaults.limits();
    LimitSettings limitSettings = new LimitSettings(
        number(limits, "maxEntrySize", limitDefaults.maxEntrySize()),
        number(limits, "maxLayerSize", limitDefaults.maxLayerSize()),
        number(limits, "maxEntriesPerLayer", limitDefaults.maxEntriesPerLayer()),
        number(limits, "maxMetadataSize", limitDefaults.maxMetadataSize()),
        integer(limits, "backgroundThreads", limitDefaults.backgroundThreads()));
    return new UserPreferences(
        text(docker, "host", defaults.dockerHost()),
        registries(root),
        text(vulnerabilities, "osvBase", defaults.osvBase()),
        texts(vulnerabilities, "ecosystems"),
        schedule(vulnerabilities),
        integer(vulnerabilities, "afterDays", defaults.updateAfterDays()),
        limitSettings);
  }

  static ObjectNode toJson(UserPreferences preferences) {
    ObjectNode root = JsonFiles.JSON.createObjectNode();
    root.put("version", UserPreferences.FORMAT_VERSION);
    ObjectNode docker = root.putObject("docker");
    if (preferences.dockerHost() != null) {
      docker.put("host", preferences.dockerHost());
    }
    ArrayNode registries = root.putArray("registries");
    for (SavedRegistryHost host : preferences.registryHosts()) {
      ObjectNode entry = registries.addObject();
      entry.put("host", host.host());
      entry.put("insecure", host.insecure());
      if (host.caFile() != null) {
        entry.put("caFile", host.caFile().toString());
      }
    }
    ObjectNode vulnerabilities = root.putObject("vulnerabilities");
    vulnerabilities.put("osvBase", preferences.osvBase());
    preferences.ecosystems().forEach(vulnerabilities.putArray("ecosystems")::add);
    vulnerabilities.put("schedule", preferences.updateSchedule().name());
    vulnerabilities.put("afterDays", preferences.updateAfterDays());
    LimitSettings limits = preferences.limits();
    ObjectNode limitNode = root.putObject("limits");
    limitNode.put("maxEntrySize", limits.maxEntrySize());
    limitNode.put("maxLayerSize", limits.maxLayerSize());
    limitNode.put("maxEntriesPerLayer", limits.maxEntriesPerLayer());
    limitNode.put("maxMetadataSize", limits.maxMetadataSize());
    limitNode.put("backgroundThreads", limits.backgroundThreads());
    return root;
  }

  private static List<SavedRegistryHost> registries(JsonNode root) throws IOException {
    JsonNode array = root.path("registries");
    if (array.isMissingNode()) {
      return List.of();
    }
    checkArray(array, "registries");
    List<SavedRegistryHost> hosts = new ArrayList<>();
    for (JsonNode entry : array) {
      if (!entry.isObject()) {
        throw new IOException("registries must contain objects");
      }
      String caFile = text(entry, "caFile", null);
      hosts.add(new SavedRegistryHost(text(entry, "host", null), bool(entry, "insecure"),
          caFile == null ? null : Path.of(caFile)));
    }
    return hosts;
  }

  private static UpdateSchedule schedule(JsonNode vulnerabilities) throws IOException {
    String name = text(vulnerabilities, "schedule", UpdateSchedule.NEVER.name());
    try {
      return UpdateSchedule.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown update schedule '" + name + "'", e);
    }
  }

  private static JsonNode object(JsonNode parent, String field) throws IOException {
    JsonNode node = parent.path(field);
    if (!node.isMissingNode() && !node.isObject()) {
      throw new IOException(field + " must be an object");
    }
    return node;
  }

  private static String text(JsonNode parent, String field, String fallback) throws IOException {
    JsonNode node = parent.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw new IOException(field + " must be a string");
    }
    return node.asText();
  }

  private static List<String> texts(JsonNode parent, String field) throws IOException {
    JsonNode array = parent.path(field);
    if (array.isMissingNode()) {
      return List.of();
    }
    checkArray(array, field);
    List<String> values = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        throw new IOException(field + " must contain strings");
      }
      values.add(item.asText());
    }
    return values;
  }

  private static void checkArray(JsonNode array, String field) throws IOException {
    if (!array.isArray()) {
      throw new IOException(field + " must be an array");
    }
    if (array.size() > MAX_LIST_ITEMS) {
      throw new IOException(field + " has " + array.size() + " items, more than " + MAX_LIST_ITEMS);
    }
  }

  private static boolean bool(JsonNode parent, String field) throws IOException {
    JsonNode node = parent.path(field);
    if (node.isMissingNode()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new IOException(field + " must be true or false");
    }
    return node.asBoolean();
  }

  private static long number(JsonNode parent, String field, long fallback) throws IOException {
    JsonNode node = parent.path(field);
    if (node.isMissingNode()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new IOException(field + " must be a whole number");
    }
    return node.asLong();
  }

  private static int integer(JsonNode parent, String field, int fallback) throws IOException {
    long value = number(parent, field, fallback);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IOException(field + " is out of range: " + value);
    }
    return (int) value;
  }
}
