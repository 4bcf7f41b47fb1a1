package io.hullscope.compare;

import java.util.List;

/**
 * The differences between the final file systems of two images.
 *
 * <p>Counts and sizes cover every difference; {@link #changes()} keeps only the first
 * {@code limit} in path order, so a comparison of two unrelated large images stays small.
 *
 * @param changes differences in path order, at most the limit
 * @param added number of paths only the right image has
 * @param removed number of paths only the left image has
 * @param changed number of paths whose attributes differ
 * @param omitted number of differences left out of {@code changes} because of the limit
 * @param leftBytes regular-file bytes of the left image's final file system
 * @param rightBytes regular-file bytes of the right image's final file system
 */
public record FileComparison(List<FileChange> changes, int added, int removed, int changed, int omitted,
    long leftBytes, long rightBytes) {

  /** Default maximum number of differences kept; counts and sizes still cover all of them. */
  public static final int DEFAULT_LIMIT = 10_000;

  public FileComparison {
    changes = List.copyOf(changes);
  }

  /** Returns the change in regular-file bytes, right minus left. */
  public long sizeDelta() {
    return rightBytes - leftBytes;
  }

  /** Returns the number of differences, kept or not. */
  public int total() {
    return added + removed + changed;
  }
}
