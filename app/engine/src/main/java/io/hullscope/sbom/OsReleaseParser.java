package io.hullscope.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code os-release} (https://www.freedesktop.org/software/systemd/man/os-release.html):
 * {@code KEY=value} lines where the value may be in single or double quotes, and inside double
 * quotes a backslash escapes {@code " \ $ `}. Comments, blank lines and invalid lines are skipped.
 */
public final class OsReleaseParser {

  /** Paths to look at, most preferred first: {@code /usr/lib/os-release} is the fallback. */
  public static final List<String> PATHS = List.of("etc/os-release", "usr/lib/os-release");

  /** Maximum size of an os-release file; real ones are below 1 KiB. */
  public static final long MAX_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(OsReleaseParser.class);

  private OsReleaseParser() {}

  /** Parses the file at {@code path} (used in messages) into a {@link Distro}. */
  public static Distro parse(String path, InputStream in) throws IOException {
    Map<String, String> fields = parseFields(path, TextFiles.read(path, in, MAX_BYTES));
    return new Distro(
        fields.get("ID"), fields.get("VERSION_ID"), fields.get("VERSION_CODENAME"), fields.get("PRETTY_NAME"));
  }

  /** Returns every valid assignment of the file, in file order; a later key replaces an earlier one. */
  static Map<String, String> parseFields(String path, String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    int lineNumber = 0;
    for (String line : text.split("\r?\n", -1)) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      String key = equals > 0 ? trimmed.substring(0, equals) : "";
      String value = equals > 0 ? unquote(trimmed.substring(equals + 1)) : null;
      if (!key.matches("[A-Za-z_][A-Za-z0-9_]*") || value == null) {
        LOG.debug("Skipped invalid line {} of {}", lineNumber, path);
        continue;
      }
      fields.put(key, value);
    }
    return fields;
  }

  /** Returns the value without its quotes and escapes, or null when a quote is not closed. */
  private static String unquote(String raw) {
    if (raw.isEmpty()) {
      return raw;
    }
    char quote = raw.charAt(0);
    if (quote != '"' && quote != '\'') {
      return raw;
    }
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == quote) {
        return value.toString();
      }
      if (quote == '"' && c == '\\' && i + 1 < raw.length() && "\"\\$`".indexOf(raw.charAt(i + 1)) >= 0) {
        i++;
        c = raw.charAt(i);
      }
      value.append(c);
    }
    return null;
  }
}
