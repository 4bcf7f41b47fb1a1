package io.hullscope.sbom;

/**
 * Decodes the backslash escapes of Ruby string literals without evaluating anything:
 * interpolation ({@code #{...}}) stays as text.
 */
final class RubyStrings {

  private RubyStrings() {}

  /** Decodes the body of a single-quoted literal, where only {@code \\} and {@code \'} are escapes. */
  static String unescapeSingle(String body) {
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == '\\' || body.charAt(i + 1) == '\'')) {
        i++;
        c = body.charAt(i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Decodes the body of a double-quoted or {@code %Q} literal: {@code \n \t \r \e \0}, {@code
   * \\uXXXX}, {@code \\u{X...}} and {@code \xHH}. Any other escaped character stands for itself,
   * as in Ruby. A {@code \xHH} byte becomes the character U+00HH, because a gem's bytes are not
   * reassembled into UTF-8 here.
   */
  static String unescapeDouble(String body) {
    StringBuilder out = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 == body.length()) {
        out.append(c);
        i++;
        continue;
      }
      char escaped = body.charAt(i + 1);
      i += 2;
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'e' -> out.append('\u001b');
        case '0' -> out.append('\0');
        case 'u' -> i = appendUnicodeEscape(body, i, out);
        case 'x' -> i = appendHexEscape(body, i, out);
        default -> out.append(escaped);
      }
    }
    return out.toString();
  }

  /** Decodes {@code XXXX} or {@code {X...}} that follows {@code \\u}; returns the index after it. */
  private static int appendUnicodeEscape(String body, int start, StringBuilder out) {
    if (start < body.length() && body.charAt(start) == '{') {
      int close = body.indexOf('}', start);
      if (close > start + 1 && close - start <= 7) {
        int codePoint = parseHex(body, start + 1, close);
        if (codePoint >= 0 && Character.isValidCodePoint(codePoint)) {
          out.appendCodePoint(codePoint);
          return close + 1;
        }
      }
    } else if (start + 4 <= body.length()) {
      int codeUnit = parseHex(body, start, start + 4);
      if (codeUnit >= 0) {
        out.append((char) codeUnit);
        return start + 4;
      }
    }
    // Not a valid escape: keep the letter, as for any other unknown escape.
    out.append('u');
    return start;
  }

  /** Decodes one or two hex digits that follow {@code \x}; returns the index after them. */
  private static int appendHexEscape(String body, int start, StringBuilder out) {
    int end = start;
    while (end < body.length() && end - start < 2 && Character.digit(body.charAt(end), 16) >= 0) {
      end++;
    }
    if (end == start) {
      out.append('x');
      return start;
    }
    out.append((char) parseHex(body, start, end));
    return end;
  }

  /** Returns the value of the hex digits in {@code [start, end)}, or -1 when one is not a hex digit. */
  private static int parseHex(String text, int start, int end) {
    int value = 0;
    for (int i = start; i < end; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }
}
