package io.hullscope.ui.layers;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;

/** Renders permission bits the way {@code ls -l} does, for example {@code -rwsr-xr-x}. */
public final class FileModes {

  private FileModes() {}

  /** Returns the ten-character mode string, with s/S for setuid/setgid and t/T for sticky. */
  public static String format(EntryType type, int mode) {
    StringBuilder text = new StringBuilder(10);
    text.append(typeChar(type));
    text.append(triplet(mode >> 6, (mode & FileEntry.SETUID) != 0, 's'));
    text.append(triplet(mode >> 3, (mode & FileEntry.SETGID) != 0, 's'));
    text.append(triplet(mode, (mode & 01000) != 0, 't'));
    return text.toString();
  }

  private static char typeChar(EntryType type) {
    return switch (type) {
      case DIRECTORY -> 'd';
      case SYMLINK -> 'l';
      case CHAR_DEVICE -> 'c';
      case BLOCK_DEVICE -> 'b';
      case FIFO -> 'p';
      case FILE, HARDLINK -> '-';
    };
  }

  private static String triplet(int bits, boolean special, char specialChar) {
    char read = (bits & 4) != 0 ? 'r' : '-';
    char write = (bits & 2) != 0 ? 'w' : '-';
    boolean execute = (bits & 1) != 0;
    char last;
    if (special) {
      last = execute ? specialChar : Character.toUpperCase(specialChar);
    } else {
      last = execute ? 'x' : '-';
    }
    return "" + read + write + last;
  }
}
