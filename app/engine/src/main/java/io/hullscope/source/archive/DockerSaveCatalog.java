package io.hullscope.source.archive;

import io.hullscope.image.ConfigParser;
import io.hullscope.image.Digest;
import io.hullscope.image.DockerSaveManifest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.MediaType;
import io.hullscope.image.MetadataBytes;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads images through the {@code manifest.json} of a classic {@code docker save} archive: one
 * image per entry, its config in {@code <id>.json} and its layers in {@code <id>/layer.tar}.
 *
 * <p>The config is checked against the digest its file name carries. Docker stores a layer that
 * occurs twice once and makes the second {@code layer.tar} a relative symbolic link to the first,
 * so a layer path may be such a link when it resolves to a regular file inside the archive; no
 * other link is followed.
 */
final class DockerSaveCatalog implements ImageCatalog {

  static final String MANIFEST_JSON = "manifest.json";

  /** File names that carry a digest: {@code <hex>.json} and {@code blobs/sha256/<hex>}. */
  private static final Pattern DIGEST_NAME = Pattern.compile("(?:.*/)?(?:blobs/sha256/)?([0-9a-f]{64})(?:\\.json|\\.tar)?");

  private static final Logger LOG = LoggerFactory.getLogger(DockerSaveCatalog.class);

  private final ImageFiles files;
  private final Limits limits;

  DockerSaveCatalog(ImageFiles files, Limits limits) {
    this.files = files;
    this.limits = limits;
  }

  /**
   * Lists every entry of {@code manifest.json}. An entry whose config or layers cannot be read is
   * still listed with unknown size, layer count and user when its config file name carries the
   * image id. Opening it reports the problem.
   */
  @Override
  public List<ImageSummary> listImages() throws IOException {
    List<ImageSummary> summaries = new ArrayList<>();
    List<DockerSaveManifest> manifests = manifests();
    for (int i = 0; i < manifests.size(); i++) {
      DockerSaveManifest manifest = manifests.get(i);
      try {
        summaries.add(summarize(manifest, i, manifests));
      } catch (ImageReadException e) {
        Digest id = digestOfName(manifest.config());
        if (id == null) {
          throw e;
        }
        LOG.warn("Listing {} without details: {}", label(manifest, i), e.getMessage());
        summaries.add(new ImageSummary(key(id, i, manifests), manifest.repoTags(), id, -1, null, -1, null, List.of()));
      }
    }
    return summaries;
  }

  private ImageSummary summarize(DockerSaveManifest manifest, int position, List<DockerSaveManifest> manifests)
      throws IOException {
    ArchiveImage image = load(manifest, position, null);
    String configPath = ArchivePaths.checkRelative(manifest.config(), label(manifest, position), MANIFEST_JSON);
    long size = files.size(configPath, label(manifest, position));
    for (Layer layer : image.layers()) {
      size += layer.size();
    }
    String user = image.config().user();
    return new ImageSummary(key(image.digest(), position, manifests), image.references(), image.digest(), size,
        image.config().created(), image.layers().size(), user == null ? "" : user, image.availablePlatforms());
  }

  @Override
  public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
    progress.checkCancelled();
    List<DockerSaveManifest> manifests = manifests();
    int found = find(manifests, key);
    DockerSaveManifest manifest = manifests.get(found);
    progress.step("Reading config of " + label(manifest, found));
    return load(manifest, found, platform);
  }

  /** Returns the position of the entry that {@code key} names: its key, a tag, or a short image id. */
  private int find(List<DockerSaveManifest> manifests, String key) throws ImageReadException {
    List<Integer> byId = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      if (matches(manifests.get(i), i, key)) {
        return i;
      }
      Digest id = digestOfName(manifests.get(i).config());
      if (id != null && ImageCatalog.isIdPrefix(key, id)) {
        byId.add(i);
      }
    }
    if (byId.size() == 1) {
      return byId.get(0);
    }
    List<String> known = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      if (byId.isEmpty() || byId.contains(i)) {
        DockerSaveManifest manifest = manifests.get(i);
        known.add(manifest.repoTags().isEmpty() ? manifest.config() : manifest.repoTags().get(0));
      }
    }
    String problem = byId.isEmpty() ? "no such image in " + files.description() + "; it contains "
        : "the id prefix matches several images in " + files.description() + "; use a longer prefix or one of ";
    throw new ImageReadException(key, null, MANIFEST_JSON, problem + known);
  }

  private List<DockerSaveManifest> manifests() throws IOException {
    byte[] bytes = ImageCatalog.readMetadata(files, MANIFEST_JSON, files.name(), limits);
    return DockerSaveManifest.parse(bytes, files.name(), MANIFEST_JSON);
  }

  /**
   * Returns the key of an entry: the image id, or the id with {@code #position} when an earlier
   * entry has the same id.
   */
  private static String key(Digest id, int position, List<DockerSaveManifest> manifests) {
    for (int i = 0; i < position; i++) {
      if (manifests.get(i).config().equals(manifests.get(position).config())) {
        return id + "#" + position;
      }
    }
    return id.toString();
  }

  private boolean matches(DockerSaveManifest manifest, int position, String key) {
    Digest fromName = digestOfName(manifest.config());
    if (fromName != null && (key.equals(fromName.toString()) || key.equals(fromName + "#" + position))) {
      return true;
    }
    for (String tag : manifest.repoTags()) {
      if (tag.equals(key) || sameReference(tag, key)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameReference(String first, String second) {
    try {
      return ImageReference.parse(first).equals(ImageReference.parse(second));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String label(DockerSaveManifest manifest, int position) {
    String name = manifest.repoTags().isEmpty() ? "#" + position + " of manifest.json" : manifest.repoTags().get(0);
    return name + " in " + files.name();
  }

  private ArchiveImage load(DockerSaveManifest manifest, int position, Platform requested) throws IOException {
    String image = label(manifest, position);
    String configPath = ArchivePaths.checkRelative(manifest.config(), image, MANIFEST_JSON);
    byte[] configBytes = ImageCatalog.readMetadata(files, configPath, image, limits);
    Digest configDigest = digestOfName(configPath);
    if (configDigest != null) {
      MetadataBytes.verify(configBytes, configDigest, image, configPath);
    } else {
      configDigest = Digest.sha256Of(configBytes);
    }
    ImageConfig config = ConfigParser.parse(configBytes, image, configPath);
    if (requested != null && !config.platform().satisfies(requested)) {
      throw ImageCatalog.platformMissing(image, requested, List.of(config.platform()));
    }

    if (manifest.layers().size() != config.diffIds().size()) {
      throw new ImageReadException(image, null, MANIFEST_JSON, "the entry lists " + manifest.layers().size()
          + " layers but the config has " + config.diffIds().size() + " diff ids");
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      layers.add(layer(i, manifest.layers().get(i), config.diffIds().get(i), image));
    }
    return new ArchiveImage(manifest.repoTags(), configDigest, configDigest, config, layers,
        List.of(config.platform()), files.description());
  }

  private Layer layer(int index, String listedPath, Digest diffId, String image) throws IOException {
    String layerName = String.valueOf(index);
    String path = ArchivePaths.checkRelative(listedPath, image, MANIFEST_JSON);
    if (!files.exists(path)) {
      throw new ImageReadException(image, layerName, path,
          "manifest.json lists this layer but it is missing from " + files.description());
    }
    String target = files.symlinkTarget(path);
    if (target != null) {
      String resolved = ArchivePaths.resolveLink(path, target);
      if (resolved == null || files.symlinkTarget(resolved) != null) {
        throw new ImageReadException(image, layerName, path,
            "the layer is a symbolic link to '" + target + "', which is not a regular file inside the archive");
      }
      path = resolved;
    }
    long size = files.size(path, image);
    // Docker stores classic layers as plain tars, so their blob digest equals the diff id. Other
    // tools may compress them, so the blob digest is reported only where the path names it.
    Digest blobDigest = digestOfName(path);
    if (blobDigest != null && !path.startsWith("blobs/")) {
      blobDigest = null;
    }
    return new ArchiveLayer(index, blobDigest, diffId, size, MediaType.OCI_LAYER, files, path, image);
  }

  private static Digest digestOfName(String path) {
    Matcher matcher = DIGEST_NAME.matcher(path);
    return matcher.matches() ? Digest.sha256(matcher.group(1)) : null;
  }
}
