package io.hullscope.check;

import io.hullscope.image.Digest;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the redacted secret hits of each layer by diff id and detector version, so a layer whose
 * files were scanned before is not streamed again for secrets. Only redacted data is ever stored.
 */
public interface SecretScanCache {

  /** A cache that keeps nothing: every layer is streamed. */
  SecretScanCache NONE = new SecretScanCache() {
    @Override
    public Optional<LayerSecrets> get(Digest diffId, String detector) {
      return Optional.empty();
    }

    @Override
    public void put(Digest diffId, String detector, LayerSecrets secrets) {
      // Nothing is kept.
    }
  };

  /** Returns the hits of the layer scanned by this detector version, if cached. */
  Optional<LayerSecrets> get(Digest diffId, String detector);

  /** Stores a layer's hits. Failing to store must not fail the caller: log and go on. */
  void put(Digest diffId, String detector, LayerSecrets secrets);

  /**
   * The secrets found in one layer's files.
   *
   * @param hits the redacted hits in the order the files appear in the layer
   * @param skippedFiles candidate files that were not scanned because a per-layer bound was reached
   */
  record LayerSecrets(List<SecretHit> hits, int skippedFiles) {

    public LayerSecrets {
      hits = hits == null ? List.of() : List.copyOf(hits);
    }
  }
}
