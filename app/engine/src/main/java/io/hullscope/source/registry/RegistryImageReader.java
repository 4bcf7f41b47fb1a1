package io.hullscope.source.registry;

import io.hullscope.image.ConfigParser;
import io.hullscope.image.Descriptor;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.ImageManifest;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.ManifestDocument;
import io.hullscope.image.ManifestParser;
import io.hullscope.image.MediaType;
import io.hullscope.image.OciIndex;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves one reference on a registry to a {@link RegistryImage}: fetches the manifest, walks
 * nested indexes, picks the platform, and reads the config. Layers are not downloaded.
 *
 * <p>Platform choice matches the archive sources: the requested platform, or for none the host's
 * platform and else the first image listed. Attestation manifests and artifacts (entries with an
 * {@code artifactType}) are skipped.
 */
final class RegistryImageReader {

  /** Deepest nesting of indexes followed; real images use one or two levels. */
  static final int MAX_INDEX_DEPTH = 8;

  private final RegistryClient client;
  private final Limits limits;
  private final ImageReference reference;
  private final String repository;
  private final String image;

  /** An image manifest found below an index, with its platform. */
  private record Candidate(Descriptor descriptor, Platform platform) {}

  RegistryImageReader(RegistryClient client, Limits limits, ImageReference reference) {
    this.client = client;
    this.limits = limits;
    this.reference = reference;
    this.repository = reference.repository();
    this.image = reference.familiar();
  }

  RegistryImage read(Platform requested, ProgressListener progress) throws IOException {
    progress.checkCancelled();
    progress.step("Reading the manifest of " + image);
    String tagOrDigest = reference.digest() != null ? reference.digest().toString() : reference.tag();
    RegistryManifest top = client.fetchManifest(repository, tagOrDigest);
    String entry = "manifest " + top.digest();
    if (Schema1Manifest.isSchema1(top.mediaType(), top.bytes())) {
      return new Schema1Reader(client, limits, repository, image)
          .read(Schema1Manifest.parse(top.bytes(), image, entry), top.digest(), references(), progress);
    }
    ManifestDocument document = ManifestParser.parse(top.bytes(), declared(top.mediaType()), image, entry);
    if (document instanceof ImageManifest manifest) {
      return load(manifest, entry, top.digest(), List.of(), progress);
    }
    List<Candidate> candidates = new ArrayList<>();
    collect((OciIndex) document, List.of(top.digest()), new LinkedHashSet<>(), candidates, progress);
    if (candidates.isEmpty()) {
      throw new ImageReadException(image, null, entry, "the index lists no image manifest (only attestations or artifacts)");
    }
    List<Platform> platforms = platforms(candidates);
    Candidate chosen = choose(candidates, requested, platforms);
    progress.checkCancelled();
    ImageManifest manifest = fetchImageManifest(chosen.descriptor());
    return load(manifest, "manifest " + chosen.descriptor().digest(), top.digest(), platforms, progress);
  }

  /**
   * Walks an index and the indexes below it, depth first, adding image manifests to {@code out}.
   * An index seen before is skipped, and one of its own ancestors is reported as a loop.
   */
  private void collect(OciIndex index, List<Digest> chain, Set<Digest> visited, List<Candidate> out,
      ProgressListener progress) throws IOException {
    String entry = "manifest " + chain.get(chain.size() - 1);
    if (chain.size() > MAX_INDEX_DEPTH) {
      throw new ImageReadException(image, null, entry, "image indexes are nested more than " + MAX_INDEX_DEPTH + " levels deep");
    }
    for (Descriptor child : index.manifests()) {
      if (chain.contains(child.digest())) {
        throw new ImageReadException(image, null, entry,
            "the index lists " + child.digest() + ", which is itself or one of its parent indexes (an index loop)");
      }
      boolean manifestOrIndex = MediaType.isManifest(child.mediaType()) || MediaType.isIndex(child.mediaType());
      if (!manifestOrIndex || child.isAttestation() || child.artifactType() != null) {
        continue;
      }
      if (MediaType.isIndex(child.mediaType())) {
        if (visited.add(child.digest())) {
          progress.checkCancelled();
          byte[] bytes = fetchChild(child);
          OciIndex nested = ManifestParser.parseIndex(bytes, image, "manifest " + child.digest());
          List<Digest> longer = new ArrayList<>(chain);
          longer.add(child.digest());
          collect(nested, longer, visited, out, progress);
        }
      } else if (out.stream().noneMatch(candidate -> candidate.descriptor().digest().equals(child.digest()))) {
        Platform platform = child.platform() != null ? child.platform() : platformFromConfig(child);
        out.add(new Candidate(child, platform));
      }
    }
  }

  private Platform platformFromConfig(Descriptor descriptor) throws IOException {
    ImageManifest manifest = fetchImageManifest(descriptor);
    byte[] configBytes = client.fetchBlob(repository, manifest.config(), image);
    return ConfigParser.parse(configBytes, image, "config " + manifest.config().digest()).platform();
  }

  private static List<Platform> platforms(List<Candidate> candidates) {
    List<Platform> platforms = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (!platforms.contains(candidate.platform())) {
        platforms.add(candidate.platform());
      }
    }
    return platforms;
  }

  private Candidate choose(List<Candidate> candidates, Platform requested, List<Platform> platforms) throws ImageReadException {
    Platform target = requested != null ? requested : Platform.host();
    for (Candidate candidate : candidates) {
      if (candidate.platform().satisfies(target)) {
        return candidate;
      }
    }
    if (requested == null) {
      return candidates.get(0);
    }
    throw new ImageReadException(image, null, null, "platform " + requested + " is not available; the image offers "
        + platforms + ". Choose one of these platforms.");
  }

  private ImageManifest fetchImageManifest(Descriptor descriptor) throws IOException {
    String entry = "manifest " + descriptor.digest();
    byte[] bytes = fetchChild(descriptor);
    ManifestDocument document = ManifestParser.parse(bytes, descriptor.mediaType(), image, entry);
    if (!(document instanceof ImageManifest manifest)) {
      throw new ImageReadException(image, null, entry, "expected an image manifest but found an image index");
    }
    return manifest;
  }

  /** Fetches a manifest an index points at, checking its digest and its size against the descriptor. */
  private byte[] fetchChild(Descriptor descriptor) throws IOException {
    RegistryManifest fetched = client.fetchManifest(repository, descriptor.digest().toString());
    byte[] bytes = fetched.bytes();
    if (bytes.length != descriptor.size()) {
      throw new ImageReadException(image, null, "manifest " + descriptor.digest(),
          "the manifest has " + bytes.length + " bytes but the index gives " + descriptor.size());
    }
    return bytes;
  }

  private RegistryImage load(ImageManifest manifest, String entry, Digest digest, List<Platform> platforms,
      ProgressListener progress) throws IOException {
    Descriptor configDescriptor = manifest.config();
    if (!MediaType.isImageConfig(configDescriptor.mediaType())) {
      throw new ImageReadException(image, null, entry,
          "not a container image: its config has media type " + configDescriptor.mediaType());
    }
    progress.checkCancelled();
    progress.step("Reading the config of " + image);
    byte[] configBytes = client.fetchBlob(repository, configDescriptor, image);
    ImageConfig config = ConfigParser.parse(configBytes, image, "config " + configDescriptor.digest());
    List<Descriptor> layerDescriptors = manifest.layers();
    if (layerDescriptors.size() != config.diffIds().size()) {
      throw new ImageReadException(image, null, entry, "the manifest lists " + layerDescriptors.size()
          + " layers but the config has " + config.diffIds().size() + " diff ids");
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < layerDescriptors.size(); i++) {
      Descriptor layer = layerDescriptors.get(i);
      layers.add(new RegistryLayer(i, layer.digest(), config.diffIds().get(i), layer.size(), layer.mediaType(), client,
          repository, image));
    }
    List<Platform> offered = platforms.isEmpty() ? List.of(config.platform()) : platforms;
    return new RegistryImage(references(), digest, configDescriptor.digest(), config, layers, offered,
        "registry " + client.registry());
  }

  private List<String> references() {
    return List.of(image);
  }

  /** Returns the response's media type when it names a manifest or index, else null (for example {@code application/json}). */
  private static String declared(String contentType) {
    return MediaType.isIndex(contentType) || MediaType.isManifest(contentType) ? contentType : null;
  }
}
