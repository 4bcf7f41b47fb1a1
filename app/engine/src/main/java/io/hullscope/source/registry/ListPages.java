package io.hullscope.source.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Next-page links of paginated listings. The distribution spec marks a next page with
 * {@code Link: <url>; rel="next"}; registries that send no link are asked again with
 * {@code last=<last entry>} while full pages arrive.
 */
final class ListPages {

  private ListPages() {}

  /** Returns the {@code rel="next"} target of the given Link header values, or null. */
  static String nextLink(List<String> linkHeaders) {
    for (String header : linkHeaders) {
      for (String part : header.split(",(?=\\s*<)")) {
        String trimmed = part.strip();
        int open = trimmed.indexOf('<');
        int close = trimmed.indexOf('>');
        if (open != 0 || close < 0) {
          continue;
        }
        String params = trimmed.substring(close + 1).replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        if (params.contains("rel=\"next\"") || params.contains("rel=next")) {
          return trimmed.substring(1, close);
        }
      }
    }
    return null;
  }

  /** Returns {@code path?n=pageSize[&last=last]}. */
  static String firstOrLast(String path, int pageSize, String last) {
    String query = "n=" + pageSize + (last == null ? "" : "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8));
    return path + (path.contains("?") ? "&" : "?") + query;
  }

  /** Returns true when {@code next} has the same scheme and authority as {@code current}. */
  static boolean sameOrigin(URI current, URI next) {
    return current.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
        && current.getRawAuthority().equalsIgnoreCase(String.valueOf(next.getRawAuthority()));
  }
}
