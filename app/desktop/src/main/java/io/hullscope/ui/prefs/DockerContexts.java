package io.hullscope.ui.prefs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the Docker daemons the user can pick: {@code DOCKER_HOST} and the contexts the Docker CLI
 * stores in {@code ~/.docker/contexts/meta/<hash>/meta.json}, whose {@code Endpoints.docker.Host}
 * is the daemon address.
 */
public final class DockerContexts {

  private static final Logger LOG = LoggerFactory.getLogger(DockerContexts.class);

  /** Contexts read at most; a folder with more is not one people manage by hand. */
  static final int MAX_CONTEXTS = 200;
  private static final int MAX_META_BYTES = 1 << 20;

  /**
   * One daemon to choose.
   *
   * @param name context name, or {@code DOCKER_HOST} for the environment variable
   * @param host daemon address, for example {@code unix:///var/run/docker.sock}
   */
  public record Choice(String name, String host) {

    @Override
    public String toString() {
      return name + " (" + host + ")";
    }
  }

  private DockerContexts() {}

  /** Lists the choices of this user: {@code DOCKER_HOST} first, then the contexts by name. */
  public static List<Choice> list() {
    String config = System.getenv("DOCKER_CONFIG");
    Path folder = config != null && !config.isBlank()
        ? Path.of(config)
        : Path.of(System.getProperty("user.home", "."), ".docker");
    return list(folder, System.getenv());
  }

  /**
   * Lists the choices found in a Docker config folder. A context whose metadata cannot be read is
   * logged and left out.
   */
  public static List<Choice> list(Path dockerConfigFolder, Map<String, String> environment) {
    List<Choice> choices = new ArrayList<>();
    String fromEnvironment = environment.get("DOCKER_HOST");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      choices.add(new Choice("DOCKER_HOST", fromEnvironment.strip()));
    }
    Path meta = dockerConfigFolder.resolve("contexts").resolve("meta");
    if (!Files.isDirectory(meta)) {
      return choices;
    }
    List<Choice> contexts = new ArrayList<>();
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(meta)) {
      for (Path folder : folders) {
        if (contexts.size() >= MAX_CONTEXTS) {
          LOG.warn("Listing only the first {} Docker contexts of {}", MAX_CONTEXTS, meta);
          break;
        }
        Path file = folder.resolve("meta.json");
        if (Files.isRegularFile(file)) {
          read(file, contexts);
        }
      }
    } catch (IOException e) {
      LOG.warn("Listing the Docker contexts in {} failed", meta, e);
    }
    contexts.sort(Comparator.comparing(Choice::name));
    choices.addAll(contexts);
    return choices;
  }

  private static void read(Path file, List<Choice> contexts) {
    try {
      JsonNode root = JsonFiles.readObject(file, MAX_META_BYTES);
      JsonNode name = root.path("Name");
      JsonNode host = root.path("Endpoints").path("docker").path("Host");
      if (name.isTextual() && host.isTextual() && !host.asText().isBlank()) {
        contexts.add(new Choice(name.asText(), host.asText()));
      } else {
        LOG.warn("Skipping Docker context {}: it has no name or no docker endpoint host", file);
      }
    } catch (IOException e) {
      LOG.warn("Skipping Docker context {}: {}", file, e.getMessage());
    }
  }
}
