package io.hullscope.source.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header, such as
 * {@code Bearer realm="https://auth.example.com/token",service="registry",scope="repository:a/b:pull"}.
 *
 * <p>Syntax from RFC 7235 section 4.1: a scheme, then comma-separated {@code name=value}
 * parameters whose values are tokens or quoted strings with backslash escapes. Several challenges
 * may share one header.
 *
 * @param scheme the scheme in lower case, for example {@code bearer} or {@code basic}
 * @param parameters parameter names in lower case, with their unquoted values
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

  AuthChallenge {
    parameters = Map.copyOf(parameters);
  }

  String parameter(String name) {
    return parameters.get(name);
  }

  /** Parses every challenge of the given header values; unparseable text is skipped. */
  static List<AuthChallenge> parse(List<String> headerValues) {
    List<AuthChallenge> challenges = new ArrayList<>();
    for (String value : headerValues) {
      new Parser(value).parseInto(challenges);
    }
    return challenges;
  }

  /** Reads one header value from left to right. */
  private static final class Parser {
    private final String text;
    private int position;

    Parser(String text) {
      this.text = text;
    }

    void parseInto(List<AuthChallenge> out) {
      String scheme = null;
      Map<String, String> parameters = new LinkedHashMap<>();
      while (true) {
        skip(" \t,");
        if (position >= text.length()) {
          break;
        }
        String token = token();
        if (token.isEmpty()) {
          // An unexpected character; drop it so that parsing always advances.
          position++;
          continue;
        }
        skip(" \t");
        if (position < text.length() && text.charAt(position) == '=' && scheme != null) {
          position++;
          skip(" \t");
          parameters.put(token.toLowerCase(Locale.ROOT), value());
        } else {
          if (scheme != null) {
            out.add(new AuthChallenge(scheme, parameters));
          }
          scheme = token.toLowerCase(Locale.ROOT);
          parameters = new LinkedHashMap<>();
        }
      }
      if (scheme != null) {
        out.add(new AuthChallenge(scheme, parameters));
      }
    }

    private String token() {
      int start = position;
      while (position < text.length() && isTokenChar(text.charAt(position))) {
        position++;
      }
      return text.substring(start, position);
    }

    private String value() {
      if (position < text.length() && text.charAt(position) == '"') {
        position++;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
          char c = text.charAt(position++);
          if (c == '"') {
            break;
          }
          if (c == '\\' && position < text.length()) {
            c = text.charAt(position++);
          }
          value.append(c);
        }
        return value.toString();
      }
      int start = position;
      while (position < text.length() && text.charAt(position) != ',') {
        position++;
      }
      return text.substring(start, position).strip();
    }

    private void skip(String characters) {
      while (position < text.length() && characters.indexOf(text.charAt(position)) >= 0) {
        position++;
      }
    }

    private static boolean isTokenChar(char c) {
      return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
    }
  }
}
