package io.hullscope.ui.content;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Decides how file bytes are shown and renders them as numbered text or a hex dump. */
public final class ContentFormat {

  private static final int HEX_BYTES_PER_LINE = 16;

  private ContentFormat() {}

  /** Returns the kind of view for these bytes: image by magic bytes, text when valid UTF-8 without NUL. */
  public static ContentKind classify(byte[] bytes, boolean truncated) {
    if (isImage(bytes)) {
      return truncated ? ContentKind.HEX : ContentKind.IMAGE;
    }
    return isText(bytes, truncated) ? ContentKind.TEXT : ContentKind.HEX;
  }

  /** Returns true for PNG, JPEG, GIF and BMP, the formats JavaFX can decode. */
  static boolean isImage(byte[] bytes) {
    return startsWith(bytes, 0x89, 'P', 'N', 'G')
        || startsWith(bytes, 0xFF, 0xD8, 0xFF)
        || startsWith(bytes, 'G', 'I', 'F', '8')
        || startsWith(bytes, 'B', 'M');
  }

  /**
   * Returns true when the bytes decode as UTF-8 and hold no NUL or other control characters besides
   * tab, line feed, carriage return and form feed. A truncated file may end inside a multi-byte
   * character, so the last three bytes are not checked then.
   */
  static boolean isText(byte[] bytes, boolean truncated) {
    int length = truncated ? Math.max(0, bytes.length - 3) : bytes.length;
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Returns the text with right-aligned line numbers, one line per input line. */
  public static String numberedText(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\r?\n", -1);
    int lineCount = text.endsWith("\n") ? lines.length - 1 : lines.length;
    int width = Integer.toString(Math.max(1, lineCount)).length();
    StringBuilder result = new StringBuilder(text.length() + lineCount * (width + 3));
    for (int i = 0; i < lineCount; i++) {
      result.append(String.format(Locale.ROOT, "%" + width + "d", i + 1)).append("  ").append(lines[i]).append('\n');
    }
    return result.toString();
  }

  /** Returns a dump in the layout of {@code hexdump -C}: offset, 16 hex bytes, printable ASCII. */
  public static String hexDump(byte[] bytes) {
    StringBuilder result = new StringBuilder(bytes.length * 4 + 16);
    for (int offset = 0; offset < bytes.length; offset += HEX_BYTES_PER_LINE) {
      result.append(String.format(Locale.ROOT, "%08x  ", offset));
      StringBuilder ascii = new StringBuilder(HEX_BYTES_PER_LINE);
      for (int i = 0; i < HEX_BYTES_PER_LINE; i++) {
        if (offset + i < bytes.length) {
          int b = bytes[offset + i] & 0xFF;
          result.append(String.format(Locale.ROOT, "%02x ", b));
          ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        } else {
          result.append("   ");
        }
        if (i == 7) {
          result.append(' ');
        }
      }
      result.append(" |").append(ascii).append("|\n");
    }
    return result.toString();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
