package io.hullscope.compare;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.TreeNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One path that differs between the final file systems of two images.
 *
 * @param path normalized path, see {@link FileEntry#path()}
 * @param kind added, removed or changed
 * @param before the left image's file, or null when it was added
 * @param after the right image's file, or null when it was removed
 * @param differences what changed, for example {@code size 10 -> 12} or {@code type file -> directory};
 *     empty for added and removed paths
 */
public record FileChange(String path, Kind kind, State before, State after, List<String> differences) {

  /** Kind of change to a path, from the left image to the right one. */
  public enum Kind { ADDED, REMOVED, CHANGED }

  public FileChange {
    differences = List.copyOf(differences);
  }

  /** Returns the change in regular-file bytes at this path, right minus left. */
  public long sizeDelta() {
    return (after == null ? 0 : after.fileBytes()) - (before == null ? 0 : before.fileBytes());
  }

  /**
   * The attributes of one path that are compared.
   *
   * <p>NOTE: the index keeps no content digest, so a file whose content changed but whose size,
   * mode, owner and link target did not is not reported.
   *
   * @param mode permission bits, or -1 for a directory the tar only implied
   * @param uid owner, or -1 when unknown
   * @param gid group, or -1 when unknown
   * @param linkTarget target of a link, otherwise null
   */
  public record State(EntryType type, long size, int mode, long uid, long gid, String linkTarget) {

    static State of(TreeNode node) {
      FileEntry entry = node.entry();
      if (entry == null) {
        return new State(EntryType.DIRECTORY, 0, -1, -1, -1, null);
      }
      return new State(entry.type(), entry.size(), entry.mode(), entry.uid(), entry.gid(), entry.linkTarget());
    }

    /** Returns the size when this is a regular file, otherwise 0. */
    public long fileBytes() {
      return type == EntryType.FILE ? size : 0;
    }

    /** Returns the differences to {@code other}; attributes unknown on either side are skipped. */
    List<String> differencesTo(State other) {
      List<String> found = new ArrayList<>();
      if (type != other.type) {
        found.add("type " + typeName(type) + " -> " + typeName(other.type));
      }
      if (type == EntryType.FILE && other.type == EntryType.FILE && size != other.size) {
        found.add("size " + size + " -> " + other.size);
      }
      if (mode >= 0 && other.mode >= 0 && mode != other.mode) {
        found.add(String.format(Locale.ROOT, "mode %04o -> %04o", mode, other.mode));
      }
      if (uid >= 0 && other.uid >= 0 && uid != other.uid) {
        found.add("uid " + uid + " -> " + other.uid);
      }
      if (gid >= 0 && other.gid >= 0 && gid != other.gid) {
        found.add("gid " + gid + " -> " + other.gid);
      }
      if (!Objects.equals(linkTarget, other.linkTarget) && (linkTarget != null || other.linkTarget != null)) {
        found.add("link " + (linkTarget == null ? "(none)" : linkTarget) + " -> "
            + (other.linkTarget == null ? "(none)" : other.linkTarget));
      }
      return found;
    }

    /** Returns the type in lower case words, for example {@code file} or {@code symlink}. */
    public static String typeName(EntryType type) {
      return type == EntryType.FILE ? "file" : type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }
}
