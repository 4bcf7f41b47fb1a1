package io.hullscope.ui.help;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Explanations of the abbreviations the window uses, for tooltips next to them. */
public final class Abbreviations {

  private static final Map<String, String> TERMS = new LinkedHashMap<>();

  static {
    TERMS.put("UID", "UID: the numeric user id a process runs as; 0 is root");
    TERMS.put("GID", "GID: the numeric group id a process runs with; 0 is the root group");
    TERMS.put("SBOM", "SBOM: software bill of materials, the list of packages in the image");
    TERMS.put("CVSS", "CVSS: Common Vulnerability Scoring System, a severity score from 0 to 10");
    TERMS.put("OCI", "OCI: Open Container Initiative, the standard for image formats and registries");
    TERMS.put("EOL", "EOL: end of life, after which a release gets no security fixes");
    TERMS.put("purl", "purl: package URL, an identifier such as pkg:deb/debian/curl@7.74.0");
    TERMS.put("Package URL", "Package URL (purl): an identifier such as pkg:deb/debian/curl@7.74.0");
    TERMS.put("CVE", "CVE: Common Vulnerabilities and Exposures, the public id of a vulnerability");
  }

  private static final Pattern WORDS = Pattern.compile("\\b(" + String.join("|", TERMS.keySet()) + ")\\b");

  private Abbreviations() {}

  /**
   * Returns one line per known abbreviation in {@code text}, in the order they first appear, or null
   * when the text has none. Abbreviations match as whole words and in their usual case only, so
   * "uid" in a path does not count.
   */
  public static String explain(String text) {
    if (text == null) {
      return null;
    }
    StringJoiner lines = new StringJoiner("\n");
    Matcher matcher = WORDS.matcher(text);
    Set<String> seen = new HashSet<>();
    while (matcher.find()) {
      if (seen.add(matcher.group(1))) {
        lines.add(TERMS.get(matcher.group(1)));
      }
    }
    return lines.length() == 0 ? null : lines.toString();
  }
}
