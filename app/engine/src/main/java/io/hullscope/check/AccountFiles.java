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
 * ({@code name:password:GID:members}) as described in passwd(5) and group(5). Invalid lines become
 * warnings and the other lines are still used.
 */
final class AccountFiles {

  /** The largest valid ID: 4294967295, that is (uid_t) -1, means "no ID" to the kernel. */
  static final long MAX_ID = 4_294_967_294L;

  private AccountFiles() {}

  /**
   * Parses the text of {@code /etc/passwd}. Blank lines and lines starting with {@code #} are
   * skipped; a line needs at least the name, password, UID and GID fields.
   *
   * @param warnings receives one message per invalid line or file
   */
  static List<PasswdEntry> parsePasswd(String path, String text, List<String> warnings) {
    List<PasswdEntry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripCarriageReturn(lines[i]);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(":", -1);
      int number = i + 1;
      if (fields.length < 4 || fields[0].isEmpty()) {
        warnings.add("/" + path + " line " + number + " is invalid: expected name:password:UID:GID:..., found "
            + fields.length + " field(s)");
        continue;
      }
      Long uid = parseId(fields[2]);
      Long gid = parseId(fields[3]);
      if (uid == null || gid == null) {
        warnings.add("/" + path + " line " + number + " of user '" + fields[0] + "' is invalid: UID '" + fields[2]
            + "' and GID '" + fields[3] + "' must be numbers from 0 to " + MAX_ID);
        continue;
      }
      entries.add(new PasswdEntry(fields[0], uid, gid, number, line));
    }
    return entries;
  }

  /**
   * Parses the text of {@code /etc/group}. Blank lines and lines starting with {@code #} are skipped;
   * a line needs at least the name, password and GID fields.
   */
  static List<GroupEntry> parseGroup(String path, String text, List<String> warnings) {
    List<GroupEntry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripCarriageReturn(lines[i]);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(":", -1);
      int number = i + 1;
      if (fields.length < 3 || fields[0].isEmpty()) {
        warnings.add("/" + path + " line " + number + " is invalid: expected name:password:GID:members, found "
            + fields.length + " field(s)");
        continue;
      }
      Long gid = parseId(fields[2]);
      if (gid == null) {
        warnings.add("/" + path + " line " + number + " of group '" + fields[0] + "' is invalid: GID '" + fields[2]
            + "' must be a number from 0 to " + MAX_ID);
        continue;
      }
      entries.add(new GroupEntry(fields[0], gid, number, line));
    }
    return entries;
  }

  /** Returns the value of a decimal user or group ID, or null when {@code text} is not one. */
  static Long parseId(String text) {
    if (text == null || text.isEmpty() || text.length() > 10) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    long value = Long.parseLong(text);
    return value <= MAX_ID ? value : null;
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
