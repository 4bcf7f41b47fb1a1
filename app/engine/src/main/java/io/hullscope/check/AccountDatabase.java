package io.hullscope.check;

import java.util.List;
import java.util.Optional;

/**
 * The user and group accounts of an image's final file system, read from {@code /etc/passwd} and
 * {@code /etc/group}.
 *
 * @param passwd whether {@code /etc/passwd} was read
 * @param group whether {@code /etc/group} was read
 * @param users the {@code /etc/passwd} lines in file order, malformed ones as the runtime reads them
 * @param groups the {@code /etc/group} lines in file order, malformed ones as the runtime reads them
 * @param warnings lines or files that could not be read, each naming the file
 */
public record AccountDatabase(FileState passwd, FileState group, List<PasswdEntry> users,
    List<GroupEntry> groups, List<String> warnings) {

  /** An image without either file, for example one built {@code FROM scratch}. */
  public static final AccountDatabase NONE =
      new AccountDatabase(FileState.MISSING, FileState.MISSING, List.of(), List.of(), List.of());

  /** State of the file the final image shows at a path. */
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
   * One {@code /etc/passwd} line.
   *
   * @param lineNumber 1-based line number in the file
   * @param line the line as written, for evidence
   */
  public record PasswdEntry(String name, long uid, long gid, int lineNumber, String line) {}

  /**
   * One {@code /etc/group} line.
   *
   * @param lineNumber 1-based line number in the file
   * @param line the line as written, for evidence
   */
  public record GroupEntry(String name, long gid, int lineNumber, String line) {}

  /**
   * Finds the first user with the UID {@code user} when it is a number, otherwise the first user
   * with that name. As in runc, a number is never looked up as a name, and the first match wins.
   */
  public Optional<PasswdEntry> findUser(String user) {
    Long uid = AccountFiles.parseNumber(user);
    return users.stream().filter(u -> uid != null ? u.uid() == uid : u.name().equals(user)).findFirst();
  }

  /** Finds the first group with the GID {@code group} when it is a number, otherwise the first with that name. */
  public Optional<GroupEntry> findGroup(String group) {
    Long gid = AccountFiles.parseNumber(group);
    return groups.stream().filter(g -> gid != null ? g.gid() == gid : g.name().equals(group)).findFirst();
  }

  /** Finds the first user with this UID. */
  public Optional<PasswdEntry> userWithUid(long uid) {
    return users.stream().filter(u -> u.uid() == uid).findFirst();
  }
}
