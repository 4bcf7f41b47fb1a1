package io.hullscope.check;

import io.hullscope.image.Digest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the {@code /etc/passwd} and {@code /etc/group} that each layer contains, by layer diff id,
 * so an image whose layers were read before is not streamed again for its accounts.
 */
public interface AccountFileCache {

  /** A cache that keeps nothing: every layer is streamed. */
  AccountFileCache NONE = new AccountFileCache() {
    @Override
    public Optional<LayerFiles> get(Digest diffId) {
      return Optional.empty();
    }

    @Override
    public void put(Digest diffId, LayerFiles files) {
      // Nothing is kept.
    }
  };

  /** Returns the account files of the layer, if cached. */
  Optional<LayerFiles> get(Digest diffId);

  /** Stores a layer's account files. Failing to store must not fail the caller: log and go on. */
  void put(Digest diffId, LayerFiles files);

  /**
   * The account files one layer contains, read with one size limit.
   *
   * @param maxFileBytes the size limit the files were read with; a file over it has only a rejection
   * @param contents the content of each file that was kept, by path such as {@code etc/passwd}
   * @param rejections the reason each file that was not kept was rejected, by path
   */
  record LayerFiles(int maxFileBytes, Map<String, byte[]> contents, Map<String, String> rejections) {

    public LayerFiles {
      contents = Map.copyOf(contents);
      rejections = Map.copyOf(rejections);
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof LayerFiles files) || files.maxFileBytes != maxFileBytes
          || !files.rejections.equals(rejections) || !files.contents.keySet().equals(contents.keySet())) {
        return false;
      }
      return contents.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), files.contents.get(e.getKey())));
    }

    @Override
    public int hashCode() {
      return maxFileBytes * 31 + rejections.hashCode() * 17 + contents.keySet().hashCode();
    }
  }
}
