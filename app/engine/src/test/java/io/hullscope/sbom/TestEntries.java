package io.hullscope.sbom;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;

/** File entries for asking a cataloger whether it wants a path. */
final class TestEntries {

  private TestEntries() {}

  /** Returns a regular file of 1 KiB with mode 0644. */
  static FileEntry file(String path) {
    return new FileEntry(path, EntryType.FILE, 1024, 0644, 0, 0, null, 0);
  }
}
