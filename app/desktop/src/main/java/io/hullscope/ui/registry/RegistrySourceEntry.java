package io.hullscope.ui.registry;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Layer;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSummary;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.sources.SourceKind;
import io.hullscope.ui.sources.SourceListing;
import java.io.IOException;
import java.util.List;

/**
 * One image reference opened from an OCI registry. Loading it resolves the reference to its
 * manifest digest, so a missing image or rejected credentials show in the sidebar before anything
 * is downloaded.
 */
public final class RegistrySourceEntry extends SourceEntry {

  private final RegistryImageRequest request;

  public RegistrySourceEntry(RegistryImageRequest request) {
    super(request.reference().toString(), SourceKind.REGISTRY);
    this.request = request;
  }

  public RegistryImageRequest request() {
    return request;
  }

  @Override
  public SourceListing load(ProgressListener progress) {
    closeOpenSources();
    ImageReference reference = request.reference();
    progress.step("Resolving " + reference);
    try {
      RegistrySource source = new RegistrySource(reference.registry(), List.of(reference.repository()),
          request.options());
      keepOpen(source);
      Digest digest = reference.digest() != null ? reference.digest()
          : source.client(reference.registry()).resolveDigest(reference.repository(), reference.tag());
      String key = reference.toString();
      ImageSummary summary;
      // The manifest and config are small, so the row shows size, date, layers and user at once;
      // the layers themselves are downloaded only when the image is opened.
      try (Image image = source.open(key, null, progress)) {
        boolean sizesKnown = image.layers().stream().allMatch(layer -> layer.size() >= 0);
        long stored = sizesKnown ? image.layers().stream().mapToLong(Layer::size).sum() : -1;
        summary = new ImageSummary(key, List.of(key), digest, stored, image.config().created(), image.layers().size(),
            image.config().user() == null ? "" : image.config().user(), image.availablePlatforms());
      }
      return new SourceListing(List.of(new ImageRow(source, summary)), true, "Registry " + reference.registry());
    } catch (IOException | RuntimeException e) {
      return new SourceListing(List.of(), false, "Cannot open " + reference + ": " + ErrorViewModel.summary(e));
    }
  }
}
