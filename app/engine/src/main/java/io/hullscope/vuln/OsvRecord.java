package io.hullscope.vuln;

import java.time.Instant;
import java.util.List;

/**
 * One OSV vulnerability record, reduced to the fields that matching and display use.
 *
 * @param id the record's id, for example {@code DSA-3029-1} or {@code GHSA-838r-hvwh-24h8}
 * @param modified when the record last changed
 * @param published when it was first published; null when absent
 * @param withdrawn when it was withdrawn; null unless withdrawn
 * @param aliases ids of the same vulnerability in other databases, for example a CVE id
 * @param related ids of vulnerabilities that are close but not the same
 * @param upstream ids of the upstream vulnerabilities this record derives from, as distro feeds
 *     such as Ubuntu's and Debian's list the CVE they track
 * @param summary one-line summary; null when absent
 * @param details longer description in CommonMark; null when absent
 * @param severity CVSS vectors or distro ratings at record level
 * @param databaseSeverity the {@code database_specific.severity} text, for example {@code HIGH};
 *     null when absent
 * @param affected the affected packages
 * @param references links to advisories, fixes and reports
 * @see <a href="https://ossf.github.io/osv-schema/">OSV schema</a>
 */
public record OsvRecord(
    String id,
    Instant modified,
    Instant published,
    Instant withdrawn,
    List<String> aliases,
    List<String> related,
    List<String> upstream,
    String summary,
    String details,
    List<Severity> severity,
    String databaseSeverity,
    List<Affected> affected,
    List<Reference> references) {

  public OsvRecord {
    aliases = List.copyOf(aliases);
    related = List.copyOf(related);
    upstream = List.copyOf(upstream);
    severity = List.copyOf(severity);
    affected = List.copyOf(affected);
    references = List.copyOf(references);
  }

  /** Returns true when the record has been withdrawn and must not be reported. */
  public boolean isWithdrawn() {
    return withdrawn != null;
  }

  /**
   * A severity entry.
   *
   * @param type {@code CVSS_V2}, {@code CVSS_V3}, {@code CVSS_V4} or {@code Ubuntu}
   * @param score the vector string, or the rating word for {@code Ubuntu}
   */
  public record Severity(String type, String score) {}

  /**
   * One affected package with the versions it affects.
   *
   * @param ecosystem OSV ecosystem with any release suffix, for example {@code Debian:12}
   * @param name package name as the ecosystem spells it (Debian source package, Maven {@code
   *     group:artifact}, npm {@code @scope/name})
   * @param purl package URL without version; null when absent
   * @param ranges version ranges
   * @param versions versions listed one by one
   * @param severity severity entries of this package only
   * @param databaseSeverity {@code database_specific.severity} or {@code ecosystem_specific.urgency}
   *     of this package, as distro feeds record it; null when absent
   * @param ecosystemSpecific the {@code ecosystem_specific} object as compact JSON; null when absent
   */
  public record Affected(
      String ecosystem,
      String name,
      String purl,
      List<Range> ranges,
      List<String> versions,
      List<Severity> severity,
      String databaseSeverity,
      String ecosystemSpecific) {

    public Affected {
      ranges = List.copyOf(ranges);
      versions = List.copyOf(versions);
      severity = List.copyOf(severity);
    }
  }

  /** Kind of version range; GIT ranges name commits and are not evaluated against versions. */
  public enum RangeType {
    ECOSYSTEM,
    SEMVER,
    GIT
  }

  /**
   * A version range as a list of events.
   *
   * @param repo the repository URL of a GIT range; null otherwise
   */
  public record Range(RangeType type, String repo, List<Event> events) {

    public Range {
      events = List.copyOf(events);
    }
  }

  /** What an event marks. */
  public enum EventKind {
    INTRODUCED("introduced"),
    FIXED("fixed"),
    LAST_AFFECTED("last_affected"),
    LIMIT("limit");

    private final String field;

    EventKind(String field) {
      this.field = field;
    }

    /** The JSON field name of this event. */
    public String field() {
      return field;
    }

    /** Returns the kind whose JSON field is {@code field}, or null. */
    public static EventKind ofField(String field) {
      for (EventKind kind : values()) {
        if (kind.field.equals(field)) {
          return kind;
        }
      }
      return null;
    }
  }

  /** One range event, for example {@code fixed: 1.2.1-2.2+wheezy3}. */
  public record Event(EventKind kind, String version) {}

  /** A link, with its OSV type such as {@code ADVISORY} or {@code FIX}. */
  public record Reference(String type, String url) {}
}
