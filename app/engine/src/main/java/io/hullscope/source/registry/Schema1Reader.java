package io.hullscope.source.registry;

import io.hullscope.image.ConfigParser;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Layer;
import io.hullscope.image.LimitExceededException;
import io.hullscope.image.Limits;
import io.hullscope.image.MediaType;
import io.hullscope.image.ProgressListener;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Opens a schema 1 image. Schema 1 has no diff ids, but the indexer and the layer cache key layers
 * by them, so this reader downloads every distinct layer once while opening and hashes its
 * uncompressed tar.
 *
 * <p>NOTE: opening a schema 1 image therefore downloads all of its layers twice (once here, once
 * when it is indexed), and the layer cache cannot save the first download.
 */
final class Schema1Reader {

  private final RegistryClient client;
  private final Limits limits;
  private final String repository;
  private final String image;

  Schema1Reader(RegistryClient client, Limits limits, String repository, String image) {
    this.client = client;
    this.limits = limits;
    this.repository = repository;
    this.image = image;
  }

  RegistryImage read(Schema1Manifest manifest, Digest digest, List<String> references, ProgressListener progress)
      throws IOException {
    Map<Digest, Digest> diffIds = new HashMap<>();
    List<Digest> ordered = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      Digest blob = manifest.layers().get(i);
      if (!diffIds.containsKey(blob)) {
        progress.checkCancelled();
        progress.step("Computing the diff id of layer " + (i + 1) + " of " + manifest.layers().size() + " of " + image
            + " (schema 1 manifest)");
        diffIds.put(blob, diffId(blob, i));
      }
      ordered.add(diffIds.get(blob));
    }
    byte[] configBytes = manifest.config(ordered);
    Digest configDigest = Digest.sha256Of(configBytes);
    ImageConfig config = ConfigParser.parse(configBytes, image, "config rebuilt from the schema 1 manifest");
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      layers.add(new RegistryLayer(i, manifest.layers().get(i), ordered.get(i), -1, MediaType.DOCKER_LAYER_GZIP,
          client, repository, image));
    }
    return new RegistryImage(references, digest, configDigest, config, layers, List.of(config.platform()),
        "registry " + client.registry() + " (schema 1 manifest)");
  }

  /** Downloads a layer blob and returns the sha256 of its uncompressed tar. */
  private Digest diffId(Digest blob, int index) throws IOException {
    String layer = index + " (" + blob + ")";
    MessageDigest hash = Digest.newSha256();
    try (InputStream raw = new BufferedInputStream(client.openBlob(repository, blob, -1, image, layer))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      InputStream tar = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw;
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = tar.read(buffer)) >= 0) {
        total += n;
        if (total > limits.maxExpandedLayerSize()) {
          throw new LimitExceededException(image, layer, null, "the uncompressed layer size", limits.maxExpandedLayerSize());
        }
        hash.update(buffer, 0, n);
      }
      // GZIPInputStream may stop at the end of the gzip member; the rest must still be verified.
      raw.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return new Digest("sha256", HexFormat.of().formatHex(hash.digest()));
  }
}
