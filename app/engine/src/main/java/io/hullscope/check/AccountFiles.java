package io.hullscope.check;

import io.hullscope.check.AccountDatabase.GroupEntry;
import io.hullscope.check.AccountDatabase.PasswdEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /etc/passwd} ({@code name:password:UID:GID:GECOS:home:shell}) and {@code /etc/group}
 * ({@code name:password:GID:members}) as described in passwd(5) and group(5).
 *
 * <p>Lines are read the way runc reads them when it starts a container (libcontainer/user,
 * {@code GetExecUser}), because that reading decides the UID: a missing or non-numeric ID field
 * counts as 0, so a broken line can make a user root. Each such line is kept with that value and
 * also gives a warning.
 */
final class AccountFiles {

  /** The largest UID or GID runc accepts for a number that has no account entry. */
  static final long MAX_RUNTIME_ID = 2_147_483_647L;

  private AccountFiles() {}

  /**
   * Parses the text of {@code /etc/passwd}. Blank lines and lines starting with {@code #} are
   * skipped.
   *
   * @param warnings receives one message per malformed line
   */
  static List<PasswdEntry> parsePasswd(String path, String text, List<String> warnings) {
    List<PasswdEntry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      // runc trims passwd lines (but not group lines) before splitting them.
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(":", -1);
      int number = i + 1;
      String name = fields[0];
      Long uid = fields.length > 2 ? parseNumber(fields[2]) : null;
      Long gid = fields.length > 3 ? parseNumber(fields[3]) : null;
      if (fields.length < 7 || uid == null || gid == null || !inRange(uid) || !inRange(gid) || name.isEmpty()) {
        warnings.add("/" + path + " line " + number + " is malformed: expected name:password:UID:GID:GECOS:home:shell"
            + " with IDs from 0 to " + MAX_RUNTIME_ID + ", found '" + line + "'; the runtime reads it as user '"
            + name + "' with UID " + orZero(uid) + " and GID " + orZero(gid));
      }
      entries.add(new PasswdEntry(name, orZero(uid), orZero(gid), number, line));
    }
    return entries;
  }

  /**
   * Parses the text of {@code /etc/group}. Blank lines and lines starting with {@code #} are skipped.
   *
   * @param warnings receives one message per malformed line
   */
  static List<GroupEntry> parseGroup(String path, String text, List<String> warnings) {
    List<GroupEntry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripCarriageReturn(lines[i]);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(":", -1);
      int number = i + 1;
      String name = fields[0];
      Long gid = fields.length > 2 ? parseNumber(fields[2]) : null;
      if (fields.length < 4 || gid == null || !inRange(gid) || name.isEmpty()) {
        warnings.add("/" + path + " line " + number + " is malformed: expected name:password:GID:members with a GID"
            + " from 0 to " + MAX_RUNTIME_ID + ", found '" + line + "'; the runtime reads it as group '" + name
            + "' with GID " + orZero(gid));
      }
      entries.add(new GroupEntry(name, orZero(gid), number, line));
    }
    return entries;
  }

  /**
   * Parses a number as Go's {@code strconv.Atoi} does, which is how runc distinguishes a UID from a name:
   * an optional sign and decimal digits. Returns null for anything else, including numbers beyond
   * the 64-bit range, which Atoi rejects too.
   */
  static Long parseNumber(String text) {
    if (text == null) {
      return null;
    }
    int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
    if (text.length() == start) {
      return null;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Returns true for the IDs runc accepts: 0 to 2^31 - 1, kept that low for 32-bit systems. */
  static boolean inRange(long id) {
    return id >= 0 && id <= MAX_RUNTIME_ID;
  }

  /**
   * Returns the value runc stores for an ID field: the number, or 0 when the field is missing or is
   * not a number. NOTE: Atoi returns the nearest 64-bit value for a too-long number, and runc keeps
   * that; here such a field counts as 0.
   */
  private static long orZero(Long id) {
    return id == null ? 0 : id;
  }

  /** Decodes UTF-8 text, or adds a warning and returns null for binary content. */
  static String decode(String path, byte[] content, List<String> warnings) {
    for (byte b : content) {
      if (b == 0) {
        warnings.add("/" + path + " is not a text file (it contains NUL bytes), so its accounts are ignored");
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      warnings.add("/" + path + " is not valid UTF-8 text, so its accounts are ignored");
      return null;
    }
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
