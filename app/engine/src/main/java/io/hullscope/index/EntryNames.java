package io.hullscope.index;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte-exact file names.
 *
 * <p>Tar names are bytes, and Linux allows any bytes but {@code /} and NUL in a name. Hullscope
 * keeps names as Java strings: valid UTF-8 is decoded as usual and each byte that is not part of a
 * valid UTF-8 sequence becomes the lone surrogate U+DC80..U+DCFF (U+DC00 plus the byte, as
 * Python's {@code surrogateescape} does). Valid UTF-8 never decodes to a lone surrogate, so {@link
 * #encode} restores the original bytes exactly.
 */
public final class EntryNames {

  private static final int ESCAPE_BASE = 0xDC00;

  private EntryNames() {}

  /** Decodes raw name bytes: valid UTF-8 as text, every other byte as U+DC80..U+DCFF. */
  public static String decode(byte[] raw) {
    return decode(raw, 0, raw.length);
  }

  /** Decodes {@code length} bytes of {@code raw} starting at {@code offset}; see {@link #decode(byte[])}. */
  public static String decode(byte[] raw, int offset, int length) {
    int end = offset + length;
    int ascii = offset;
    while (ascii < end && raw[ascii] >= 0) {
      ascii++;
    }
    if (ascii == end) {
      return new String(raw, offset, length, StandardCharsets.ISO_8859_1);
    }
    StringBuilder text = new StringBuilder(length);
    int i = offset;
    while (i < end) {
      int b = raw[i] & 0xff;
      if (b < 0x80) {
        text.append((char) b);
        i++;
        continue;
      }
      int sequence = validSequenceLength(raw, i, end);
      if (sequence == 0) {
        text.append((char) (ESCAPE_BASE + b));
        i++;
      } else {
        text.append(new String(raw, i, sequence, StandardCharsets.UTF_8));
        i += sequence;
      }
    }
    return text.toString();
  }

  /** Encodes a name back to its bytes; the inverse of {@link #decode(byte[])}. */
  public static byte[] encode(String path) {
    boolean ascii = true;
    for (int i = 0; i < path.length() && ascii; i++) {
      ascii = path.charAt(i) < 0x80;
    }
    if (ascii) {
      return path.getBytes(StandardCharsets.ISO_8859_1);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(path.length() + 16);
    int i = 0;
    while (i < path.length()) {
      int codePoint = path.codePointAt(i);
      if (isEscapedByte(codePoint)) {
        out.write(codePoint - ESCAPE_BASE);
      } else {
        // Other lone surrogates cannot come from decode(); String.getBytes writes them as '?'.
        byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
      }
      i += Character.charCount(codePoint);
    }
    return out.toByteArray();
  }

  /**
   * Returns the name for display: bytes that are not valid UTF-8 and control characters are shown
   * as {@code \xNN}. Not reversible; use the name itself for lookups.
   */
  public static String display(String path) {
    StringBuilder text = null;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      int escaped = isEscapedByte(c) ? c - ESCAPE_BASE : (c < 0x20 || c == 0x7f ? c : -1);
      if (escaped >= 0 && text == null) {
        text = new StringBuilder(path.length() + 8).append(path, 0, i);
      }
      if (escaped >= 0) {
        text.append(String.format("\\x%02x", escaped));
      } else if (text != null) {
        text.append(c);
      }
    }
    return text == null ? path : text.toString();
  }

  /**
   * Normalizes a tar entry name the way Docker does when it applies a layer: separators collapse,
   * {@code .} components go, a leading {@code /} is dropped (the root's parent is the root), and
   * a trailing {@code /} is dropped. The root itself is the empty string.
   *
   * @throws IllegalArgumentException when a {@code ..} in a relative name leaves the root, which
   *     Docker rejects as a breakout
   */
  public static String normalize(String rawPath) {
    if (isSimple(rawPath)) {
      return rawPath;
    }
    boolean rooted = rawPath.startsWith("/");
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start <= rawPath.length()) {
      int slash = rawPath.indexOf('/', start);
      int end = slash < 0 ? rawPath.length() : slash;
      String part = rawPath.substring(start, end);
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        } else if (!rooted) {
          throw new IllegalArgumentException(
              "path '" + display(rawPath) + "' leaves the root with '..'");
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
      start = end + 1;
    }
    return String.join("/", parts);
  }

  /** Returns the parent of a normalized path; the empty string for top-level names. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Returns the last component of a normalized path. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Joins a normalized directory and a child name; the root is the empty string. */
  public static String child(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static boolean isEscapedByte(int codePoint) {
    return codePoint >= ESCAPE_BASE + 0x80 && codePoint <= ESCAPE_BASE + 0xff;
  }

  /** True when the path is already normal: no empty, {@code .} or {@code ..} component. */
  private static boolean isSimple(String path) {
    if (path.isEmpty()) {
      return true;
    }
    if (path.charAt(0) == '/' || path.charAt(path.length() - 1) == '/') {
      return false;
    }
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      int length = end - start;
      if (length == 0
          || (length == 1 && path.charAt(start) == '.')
          || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        return false;
      }
      if (slash < 0) {
        return true;
      }
      start = slash + 1;
    }
  }

  /**
   * Returns the length of the valid UTF-8 sequence starting at {@code i} (2 to 4), or 0 when the
   * byte there does not start one. Overlong forms, surrogates and code points above U+10FFFF are
   * invalid (RFC 3629).
   */
  private static int validSequenceLength(byte[] raw, int i, int end) {
    int b = raw[i] & 0xff;
    int length;
    int codePoint;
    int min;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      codePoint = b & 0x1f;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      codePoint = b & 0x0f;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      codePoint = b & 0x07;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + length > end) {
      return 0;
    }
    for (int k = 1; k < length; k++) {
      int next = raw[i + k] & 0xff;
      if ((next & 0xc0) != 0x80) {
        return 0;
      }
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      return 0;
    }
    return length;
  }
}
