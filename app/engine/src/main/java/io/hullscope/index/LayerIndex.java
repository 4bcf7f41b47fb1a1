package io.hullscope.index;

import io.hullscope.image.Digest;
import java.util.List;

/**
 * Everything one layer contains, as recorded by one streaming pass over its blob.
 *
 * <p>Whiteouts are not entries: {@code .wh.NAME} becomes a deletion of {@code NAME} and {@code
 * .wh..wh..opq} an opaque directory. Both apply only to lower layers (OCI image spec, "Whiteouts").
 *
 * @param diffId digest of the uncompressed tar
 * @param blobDigest digest of the blob as stored, as computed while reading it
 * @param entries entries in tar order with normalized paths; a path may occur more than once, and
 *     then the later entry wins
 * @param deletions normalized paths that whiteouts delete from lower layers
 * @param opaqueDirectories normalized directories whose lower-layer content this layer hides; the
 *     root is the empty string
 * @param uncompressedSize size of the uncompressed tar in bytes
 */
public record LayerIndex(
    Digest diffId,
    Digest blobDigest,
    List<FileEntry> entries,
    List<String> deletions,
    List<String> opaqueDirectories,
    long uncompressedSize) {

  public LayerIndex {
    entries = List.copyOf(entries);
    deletions = List.copyOf(deletions);
    opaqueDirectories = List.copyOf(opaqueDirectories);
  }

  /** Sum of the sizes of the regular files in this layer, duplicates included. */
  public long fileBytes() {
    long total = 0;
    for (FileEntry entry : entries) {
      if (entry.type() == EntryType.FILE) {
        total += entry.size();
      }
    }
    return total;
  }
}
