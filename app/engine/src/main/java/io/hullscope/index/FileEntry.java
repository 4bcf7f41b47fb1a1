package io.hullscope.index;

/**
 * One file system entry of a layer, as recorded by the index.
 *
 * @param path normalized path relative to the root: no leading {@code /} or {@code ./}, no
 *     {@code .} or {@code ..} components, {@code /}-separated. Bytes that are not valid UTF-8
 *     are kept as the code points U+DC80..U+DCFF (one per byte), so the name stays byte-exact;
 *     {@link EntryNames#display} shows them escaped.
 * @param size content size in bytes (0 for everything but regular files)
 * @param mode permission bits including setuid, setgid and sticky (for example {@code 04755})
 * @param linkTarget target of a symlink or hardlink, otherwise null
 * @param modified modification time, seconds since the epoch
 */
public record FileEntry(
    String path, EntryType type, long size, int mode, long uid, long gid, String linkTarget, long modified) {

  public static final int SETUID = 04000;
  public static final int SETGID = 02000;

  public boolean isSetuid() {
    return (mode & SETUID) != 0;
  }

  public boolean isSetgid() {
    return (mode & SETGID) != 0;
  }

  /** Returns the last path component. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
