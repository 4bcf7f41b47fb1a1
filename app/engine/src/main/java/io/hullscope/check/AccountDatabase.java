package io.hullscope.check;

import java.util.List;
import java.util.Optional;

/**
 * The user and group accounts of an image's final file system, read from {@code /etc/passwd} and
 * {@code /etc/group}.
 *
 * @param passwd whether {@code /etc/passwd} was read
 * @param group whether {@code /etc/group} was read
 * @param users the valid {@code /etc/passwd} lines in file order
 * @param groups the valid {@code /etc/group} lines in file order
 * @param warnings lines or files that could not be read, each naming the file
 */
public record AccountDatabase(FileState passwd, FileState group, List<PasswdEntry> users,
    List<GroupEntry> groups, List<String> warnings) {

  /** An image without either file, for example one built {@code FROM scratch}. */
  public static final AccountDatabase NONE =
      new AccountDatabase(FileState.MISSING, FileState.MISSING, List.of(), List.of(), List.of());

  /** What the final image shows at a path. */
  public enum FileState {
    /** No file at the path, for example because a whiteout deleted it. */
    MISSING,
    /** A regular file that was parsed. */
    READ,
    /** A file that exists but was not parsed: too large, binary, or a link. */
    UNREADABLE
  }

  public AccountDatabase {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    warnings = List.copyOf(warnings);
  }

  /**
   * One valid {@code /etc/passwd} line.
   *
   * @param lineNumber 1-based line number in the file
   * @param line the line as written, for evidence
   */
  public record PasswdEntry(String name, long uid, long gid, int lineNumber, String line) {}

  /**
   * One valid {@code /etc/group} line.
   *
   * @param lineNumber 1-based line number in the file
   * @param line the line as written, for evidence
   */
  public record GroupEntry(String name, long gid, int lineNumber, String line) {}

  /**
   * Finds the first user whose name is {@code user}, or whose UID is {@code user} when it is a
   * number. The first match wins, as in the C library and in runc.
   */
  public Optional<PasswdEntry> findUser(String user) {
    Long uid = AccountFiles.parseId(user);
    return users.stream().filter(u -> u.name().equals(user) || (uid != null && u.uid() == uid)).findFirst();
  }

  /** Finds the first group whose name is {@code group}, or whose GID is {@code group} when it is a number. */
  public Optional<GroupEntry> findGroup(String group) {
    Long gid = AccountFiles.parseId(group);
    return groups.stream().filter(g -> g.name().equals(group) || (gid != null && g.gid() == gid)).findFirst();
  }

  /** Finds the first user with this UID. */
  public Optional<PasswdEntry> userWithUid(long uid) {
    return users.stream().filter(u -> u.uid() == uid).findFirst();
  }
}
