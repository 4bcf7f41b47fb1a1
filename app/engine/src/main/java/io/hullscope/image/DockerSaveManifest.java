package io.hullscope.image;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the {@code manifest.json} that {@code docker save} writes: the config file, the
 * tags and the layer files, bottom first. Paths are as written in the file and still unchecked.
 */
public record DockerSaveManifest(String config, List<String> repoTags, List<String> layers) {

  public DockerSaveManifest {
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    layers = List.copyOf(layers);
  }

  /**
   * Parses {@code manifest.json}; {@code Config} and {@code Layers} are required in each entry,
   * other fields such as {@code LayerSources} are ignored.
   */
  public static List<DockerSaveManifest> parse(byte[] json, String image, String entry) throws ImageReadException {
    List<DockerSaveManifest> manifests = new ArrayList<>();
    for (JsonObject item : JsonObject.parseArray(json, image, entry)) {
      List<String> layers = item.strings("Layers");
      if (layers == null) {
        throw item.invalidField("Layers", "is missing");
      }
      manifests.add(new DockerSaveManifest(item.string("Config", true), item.strings("RepoTags"), layers));
    }
    return manifests;
  }
}
