/**
 * The single streaming pass over an image's layers and what is built from it.
 *
 * <p>{@link io.hullscope.index.ImageIndexer} reads each layer once through {@link
 * io.hullscope.index.LayerIndexer}, which decompresses ({@link io.hullscope.index.Compression}),
 * verifies both digests and records every entry with byte-exact names ({@link
 * io.hullscope.index.EntryNames}). The result, {@link io.hullscope.index.ImageAnalysis}, builds
 * squashed and per-layer {@link io.hullscope.index.FileTree}s and the {@link
 * io.hullscope.index.WasteReport} on demand; {@link io.hullscope.index.FileContentReader} reads
 * single files back. Nothing here writes to disk.
 */
package io.hullscope.index;
