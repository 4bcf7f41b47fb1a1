package io.hullscope.source.archive;

import io.hullscope.image.ConfigParser;
import io.hullscope.image.Descriptor;
import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.ImageManifest;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.ManifestDocument;
import io.hullscope.image.ManifestParser;
import io.hullscope.image.MediaType;
import io.hullscope.image.MetadataBytes;
import io.hullscope.image.OciIndex;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads images through the {@code index.json} of an OCI image layout, as found in OCI layout
 * folders and tars and in archives of {@code docker save} since Docker 25.
 *
 * <p>Each distinct digest in {@code index.json} is one image; entries that only add another
 * reference to the same digest are merged. Multi-platform indexes, also nested ones, offer every
 * image manifest whose blob is present; attestation manifests are skipped. Manifest, index and
 * config bytes are checked against their digests.
 */
final class OciLayoutCatalog implements ImageCatalog {

  /** Deepest nesting of indexes followed; real images use one or two levels. */
  static final int MAX_INDEX_DEPTH = 8;

  private static final Logger LOG = LoggerFactory.getLogger(OciLayoutCatalog.class);

  private static final String INDEX_JSON = "index.json";

  private final ImageFiles files;
  private final Limits limits;

  OciLayoutCatalog(ImageFiles files, Limits limits) {
    this.files = files;
    this.limits = limits;
  }

  /** One image listed in {@code index.json}, with all references that name it. */
  private record Entry(Descriptor descriptor, List<String> references) {

    String key() {
      return descriptor.digest().toString();
    }
  }

  /** An image manifest found below an entry, with its platform when the index names one. */
  private record Candidate(Descriptor descriptor, Platform platform) {}

  /**
   * Lists every image of {@code index.json}. An image whose manifest or config cannot be read is
   * still listed, with unknown size, layer count and user, so that one damaged image does not
   * hide the others. Opening it reports the problem.
   */
  @Override
  public List<ImageSummary> listImages() throws IOException {
    List<ImageSummary> summaries = new ArrayList<>();
    for (Entry entry : entries()) {
      try {
        summaries.add(summarize(entry));
      } catch (ImageReadException e) {
        LOG.warn("Listing {} without details: {}", label(entry), e.getMessage());
        List<Platform> platforms = entry.descriptor().platform() == null ? List.of() : List.of(entry.descriptor().platform());
        summaries.add(new ImageSummary(entry.key(), entry.references(), entry.descriptor().digest(), -1, null, -1, null, platforms));
      }
    }
    return summaries;
  }

  private ImageSummary summarize(Entry entry) throws IOException {
    String image = label(entry);
    List<Candidate> candidates = candidates(entry, image);
    Candidate chosen = choose(candidates, null, image);
    ArchiveImage loaded = load(chosen.descriptor(), entry, platforms(candidates), image);
    long size = files.size(ArchivePaths.blobPath(loaded.configDigest()), image);
    for (Layer layer : loaded.layers()) {
      size += layer.size();
    }
    String user = loaded.config().user();
    return new ImageSummary(entry.key(), entry.references(), entry.descriptor().digest(), size,
        loaded.config().created(), loaded.layers().size(), user == null ? "" : user, loaded.availablePlatforms());
  }

  @Override
  public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
    progress.checkCancelled();
    Entry entry = find(key);
    String image = label(entry);
    progress.step("Reading manifest and config of " + image);
    List<Candidate> candidates = candidates(entry, image);
    Candidate chosen = choose(candidates, platform, image);
    progress.checkCancelled();
    return load(chosen.descriptor(), entry, platforms(candidates), image);
  }

  private List<Entry> entries() throws IOException {
    String image = files.name();
    byte[] bytes = ImageCatalog.readMetadata(files, INDEX_JSON, image, limits);
    OciIndex index = ManifestParser.parseIndex(bytes, image, INDEX_JSON);
    Map<Digest, Entry> entries = new LinkedHashMap<>();
    for (Descriptor descriptor : index.manifests()) {
      if (!isImageOrIndex(descriptor)) {
        LOG.debug("Skipping {} entry {} of {}: not an image", descriptor.mediaType(), descriptor.digest(), files.description());
        continue;
      }
      Entry existing = entries.get(descriptor.digest());
      List<String> references = new ArrayList<>(existing == null ? List.of() : existing.references());
      for (String reference : referencesOf(descriptor)) {
        if (!references.contains(reference)) {
          references.add(reference);
        }
      }
      entries.put(descriptor.digest(), new Entry(existing == null ? descriptor : existing.descriptor(), references));
    }
    return new ArrayList<>(entries.values());
  }

  /**
   * Returns true for entries that can lead to an image: manifests and indexes that are neither
   * attestations nor artifacts such as signatures or SBOMs.
   */
  private static boolean isImageOrIndex(Descriptor descriptor) {
    boolean manifestOrIndex = MediaType.isManifest(descriptor.mediaType()) || MediaType.isIndex(descriptor.mediaType());
    return manifestOrIndex && !descriptor.isAttestation() && descriptor.artifactType() == null;
  }

  /**
   * Returns the names of an {@code index.json} entry: containerd's full image name when present
   * (Docker writes it), else the OCI ref name, which is often only a tag.
   */
  private static List<String> referencesOf(Descriptor descriptor) {
    String name = descriptor.annotations().get(Descriptor.IMAGE_NAME_ANNOTATION);
    if (name == null) {
      name = descriptor.annotations().get(Descriptor.REF_NAME_ANNOTATION);
    }
    if (name == null || name.isBlank()) {
      return List.of();
    }
    if (name.contains("/") || name.contains(":") || name.contains("@")) {
      try {
        return List.of(ImageReference.parse(name).familiar());
      } catch (IllegalArgumentException e) {
        return List.of(name);
      }
    }
    return List.of(name);
  }

  private Entry find(String key) throws IOException {
    List<Entry> entries = entries();
    for (Entry entry : entries) {
      if (entry.key().equals(key) || entry.references().contains(key)) {
        return entry;
      }
    }
    String familiar = familiar(key);
    for (Entry entry : entries) {
      for (String reference : entry.references()) {
        if (familiar != null && familiar.equals(familiar(reference))) {
          return entry;
        }
      }
    }
    List<Entry> byId = new ArrayList<>();
    for (Entry entry : entries) {
      if (ImageCatalog.isIdPrefix(key, entry.descriptor().digest())) {
        byId.add(entry);
      }
    }
    if (byId.size() == 1) {
      return byId.get(0);
    }
    List<String> known = new ArrayList<>();
    for (Entry entry : byId.isEmpty() ? entries : byId) {
      known.add(entry.references().isEmpty() ? entry.key() : entry.references().get(0));
    }
    String problem = byId.isEmpty() ? "no such image in " + files.description() + "; it contains "
        : "the id prefix matches several images in " + files.description() + "; use a longer prefix or one of ";
    throw new ImageReadException(key, null, INDEX_JSON, problem + known);
  }

  private static String familiar(String reference) {
    try {
      return ImageReference.parse(reference).familiar();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String label(Entry entry) {
    String name = entry.references().isEmpty() ? entry.key() : entry.references().get(0);
    return name + " in " + files.name();
  }

  private List<Candidate> candidates(Entry entry, String image) throws IOException {
    // A set, so that an index listing the same manifest many times costs one read of it.
    Set<Candidate> all = new LinkedHashSet<>();
    Descriptor root = entry.descriptor();
    if (MediaType.isIndex(root.mediaType())) {
      Map<Digest, byte[]> indexes = new LinkedHashMap<>();
      collect(root, List.of(), all, indexes, image);
      for (Map.Entry<Digest, byte[]> index : indexes.entrySet()) {
        MetadataBytes.verify(index.getValue(), index.getKey(), image, ArchivePaths.blobPath(index.getKey()));
      }
    } else {
      all.add(new Candidate(root, null));
    }
    List<Candidate> present = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Candidate candidate : all) {
      String path = ArchivePaths.blobPath(candidate.descriptor().digest());
      if (files.exists(path)) {
        present.add(candidate.platform() != null ? candidate : withPlatformFromConfig(candidate, image));
      } else {
        missing.add(path);
      }
    }
    if (present.isEmpty()) {
      throw new ImageReadException(image, null, missing.isEmpty() ? null : missing.get(0),
          "the image has no manifest in " + files.description() + " (missing: " + missing + ")");
    }
    return present;
  }

  /**
   * Walks an index and the indexes below it, adding image manifests to {@code out} and the bytes
   * of each index to {@code indexes}. An index listed twice is walked once, so that repeated
   * entries cannot multiply the work. The caller checks digests after the walk: a loop can only
   * exist in content that does not match its digest, and walking first lets the error name the
   * loop rather than only the mismatch.
   */
  private void collect(Descriptor indexDescriptor, List<Digest> ancestors, Set<Candidate> out,
      Map<Digest, byte[]> indexes, String image) throws IOException {
    String path = ArchivePaths.blobPath(indexDescriptor.digest());
    if (ancestors.size() >= MAX_INDEX_DEPTH) {
      throw new ImageReadException(image, null, path, "image indexes are nested more than " + MAX_INDEX_DEPTH + " levels deep");
    }
    byte[] bytes = readBlob(indexDescriptor, image);
    ManifestDocument document = ManifestParser.parse(bytes, indexDescriptor.mediaType(), image, path);
    if (!(document instanceof OciIndex index)) {
      throw new ImageReadException(image, null, path, "expected an image index but found an image manifest");
    }
    indexes.put(indexDescriptor.digest(), bytes);
    List<Digest> chain = new ArrayList<>(ancestors);
    chain.add(indexDescriptor.digest());
    for (Descriptor child : index.manifests()) {
      if (chain.contains(child.digest())) {
        throw new ImageReadException(image, null, path,
            "the index lists " + child.digest() + ", which is itself or one of its parent indexes (an index loop)");
      }
    }
    for (Descriptor child : index.manifests()) {
      if (!isImageOrIndex(child)) {
        continue;
      }
      if (MediaType.isIndex(child.mediaType())) {
        if (!indexes.containsKey(child.digest())) {
          collect(child, chain, out, indexes, image);
        }
      } else {
        out.add(new Candidate(child, child.platform()));
      }
    }
  }

  private Candidate withPlatformFromConfig(Candidate candidate, String image) throws IOException {
    ArchiveImage loaded = load(candidate.descriptor(), new Entry(candidate.descriptor(), List.of()), List.of(), image);
    return new Candidate(candidate.descriptor(), loaded.config().platform());
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

  /**
   * Picks the requested platform, or for a null request the host's platform and else the first
   * one listed.
   */
  private static Candidate choose(List<Candidate> candidates, Platform requested, String image) throws ImageReadException {
    Platform target = requested != null ? requested : Platform.host();
    for (Candidate candidate : candidates) {
      if (candidate.platform().satisfies(target)) {
        return candidate;
      }
    }
    if (requested == null) {
      return candidates.get(0);
    }
    throw ImageCatalog.platformMissing(image, requested, platforms(candidates));
  }

  private ArchiveImage load(Descriptor manifestDescriptor, Entry entry, List<Platform> platforms, String image)
      throws IOException {
    String manifestPath = ArchivePaths.blobPath(manifestDescriptor.digest());
    byte[] manifestBytes = readBlob(manifestDescriptor, image);
    MetadataBytes.verify(manifestBytes, manifestDescriptor.digest(), image, manifestPath);
    ManifestDocument document = ManifestParser.parse(manifestBytes, manifestDescriptor.mediaType(), image, manifestPath);
    if (!(document instanceof ImageManifest manifest)) {
      throw new ImageReadException(image, null, manifestPath, "expected an image manifest but found an image index");
    }
    Descriptor configDescriptor = manifest.config();
    String configPath = ArchivePaths.blobPath(configDescriptor.digest());
    if (!MediaType.isImageConfig(configDescriptor.mediaType())) {
      throw new ImageReadException(image, null, manifestPath,
          "not a container image: its config has media type " + configDescriptor.mediaType());
    }
    byte[] configBytes = readBlob(configDescriptor, image);
    MetadataBytes.verify(configBytes, configDescriptor.digest(), image, configPath);
    ImageConfig config = ConfigParser.parse(configBytes, image, configPath);

    List<Descriptor> layerDescriptors = manifest.layers();
    if (layerDescriptors.size() != config.diffIds().size()) {
      throw new ImageReadException(image, null, manifestPath, "the manifest lists " + layerDescriptors.size()
          + " layers but the config has " + config.diffIds().size() + " diff ids");
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < layerDescriptors.size(); i++) {
      layers.add(layer(i, layerDescriptors.get(i), config.diffIds().get(i), image));
    }
    List<Platform> offered = platforms.isEmpty() ? List.of(config.platform()) : platforms;
    return new ArchiveImage(entry.references(), entry.descriptor().digest(), configDescriptor.digest(), config, layers,
        offered, files.description());
  }

  private Layer layer(int index, Descriptor descriptor, Digest diffId, String image) throws IOException {
    String path = ArchivePaths.blobPath(descriptor.digest());
    String layerName = index + " (" + descriptor.digest() + ")";
    if (!files.exists(path)) {
      throw new ImageReadException(image, layerName, path,
          "the manifest lists this layer but its blob is missing from " + files.description());
    }
    long size = files.size(path, image);
    if (size != descriptor.size()) {
      throw new ImageReadException(image, layerName, path,
          "the blob has " + size + " bytes but the manifest says " + descriptor.size());
    }
    return new ArchiveLayer(index, descriptor.digest(), diffId, size, descriptor.mediaType(), files, path, image);
  }

  /** Reads a manifest, index or config blob after checking its size against the descriptor. */
  private byte[] readBlob(Descriptor descriptor, String image) throws IOException {
    String path = ArchivePaths.blobPath(descriptor.digest());
    if (!files.exists(path)) {
      throw new ImageReadException(image, null, path, "the blob is missing from " + files.description());
    }
    long size = files.size(path, image);
    if (size != descriptor.size()) {
      throw new ImageReadException(image, null, path,
          "the blob has " + size + " bytes but its descriptor says " + descriptor.size());
    }
    return ImageCatalog.readMetadata(files, path, image, limits);
  }
}
