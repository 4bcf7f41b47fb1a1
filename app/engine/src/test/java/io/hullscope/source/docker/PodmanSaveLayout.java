package io.hullscope.source.docker;

import io.hullscope.image.Digest;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.ImageArchiveBuilder.TestLayer;
import io.hullscope.testing.TarBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays out a save stream as Podman 4.3 writes it for {@code GET /images/{name}/get}: the layer
 * tars named {@code <diff id hex>.tar}, the config {@code <image id>.json}, legacy folders whose
 * {@code layer.tar} is a symlink to those tars, and {@code manifest.json} last.
 */
final class PodmanSaveLayout {

  private PodmanSaveLayout() {}

  static byte[] saveTar(TestImage image, String reference) {
    TarBuilder tar = new TarBuilder();
    List<String> layerFiles = new ArrayList<>();
    for (TestLayer layer : image.layers()) {
      String file = layer.diffId().hex() + ".tar";
      tar.file(file, layer.tar(), 0444);
      layerFiles.add(file);
    }
    String configFile = image.configDigest().hex() + ".json";
    tar.file(configFile, image.configJson(), 0444);
    String parent = "";
    for (String layerFile : layerFiles) {
      String v1Id = Digest.sha256Of((parent + layerFile).getBytes(StandardCharsets.UTF_8)).hex();
      String parentField = parent.isEmpty() ? "" : ",\"parent\":\"" + parent + "\"";
      tar.symlink(v1Id + "/layer.tar", "../" + layerFile);
      tar.file(v1Id + "/json", "{\"id\":\"" + v1Id + "\"" + parentField + "}");
      parent = v1Id;
    }
    tar.file("manifest.json", ImageArchiveBuilder.json(
        List.of(Map.of("Config", configFile, "RepoTags", List.of(reference), "Layers", layerFiles))), 0444);
    return tar.build();
  }
}
