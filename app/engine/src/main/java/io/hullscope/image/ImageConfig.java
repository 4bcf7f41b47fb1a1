package io.hullscope.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an OCI or Docker image config that Hullscope shows and checks.
 *
 * <p>Field meanings follow https://github.com/opencontainers/image-spec/blob/main/config.md.
 * Collections are never null; {@code user}, {@code workingDir}, {@code healthcheck} and
 * {@code created} may be.
 *
 * @param diffIds digests of the uncompressed layer tars, bottom layer first
 */
public record ImageConfig(
    Platform platform,
    String user,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    Set<String> exposedPorts,
    Set<String> volumes,
    String workingDir,
    Map<String, String> labels,
    Healthcheck healthcheck,
    String stopSignal,
    Instant created,
    String author,
    List<HistoryEntry> history,
    List<Digest> diffIds) {

  public ImageConfig {
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    env = env == null ? List.of() : List.copyOf(env);
    exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
    volumes = volumes == null ? Set.of() : Set.copyOf(volumes);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    history = history == null ? List.of() : List.copyOf(history);
    diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
  }

  /**
   * Returns the history entries that produced layers, in layer order. Entries marked
   * {@code empty_layer} are skipped; when the history has fewer layer-producing entries than
   * there are layers, the missing ones are null.
   */
  public List<HistoryEntry> layerHistory() {
    HistoryEntry[] perLayer = new HistoryEntry[diffIds.size()];
    int layer = 0;
    for (HistoryEntry entry : history) {
      if (entry.emptyLayer()) {
        continue;
      }
      if (layer >= perLayer.length) {
        break;
      }
      perLayer[layer++] = entry;
    }
    return java.util.Arrays.asList(perLayer);
  }
}
