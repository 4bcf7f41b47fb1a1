package io.hullscope.index;

/**
 * The first bytes of a file in an image.
 *
 * @param path the path whose content this is, after following symlinks and hardlinks
 * @param layer the layer whose blob contains the content
 * @param totalSize the file's full size in bytes
 * @param bytes at most the requested number of bytes from the start of the file
 * @param truncated true when the file is longer than {@code bytes}
 */
public record FileContent(String path, int layer, long totalSize, byte[] bytes, boolean truncated) {}
