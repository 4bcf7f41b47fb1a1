package io.hullscope.vuln;

import io.hullscope.vuln.version.InvalidVersionException;
import io.hullscope.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a version lies in an affected entry's ranges or versions list, following the
 * evaluation rules of the OSV schema: events are sorted by version, {@code introduced: "0"} is
 * before every version, {@code fixed} and {@code limit} exclude their own version, {@code
 * last_affected} includes it. GIT ranges name commits and are skipped.
 *
 * @see <a href="https://ossf.github.io/osv-schema/#evaluation">OSV schema: evaluation</a>
 */
final class OsvRangeEvaluator {

  /**
   * Result for one affected entry.
   *
   * @param affected whether the version is affected
   * @param fixed the first fixed version above the installed one; null when none is known
   * @param problems events that could not be compared, each one sentence
   */
  record Verdict(boolean affected, String fixed, List<String> problems) {}

  private OsvRangeEvaluator() {}

  /**
   * Evaluates {@code version} against {@code affected}.
   *
   * @param scheme the ecosystem's version ordering; null when unknown, in which case only the
   *     versions list is checked, by exact text
   * @throws InvalidVersionException when {@code version} itself is not a version of {@code scheme}
   */
  static Verdict evaluate(String advisoryId, OsvRecord.Affected affected, String version, VersionScheme scheme) {
    List<String> problems = new ArrayList<>();
    if (scheme != null) {
      // Fails early, naming the installed version, rather than once per range.
      scheme.compare(version, version);
    }
    boolean hit = false;
    String fixed = null;
    for (String listed : affected.versions()) {
      if (listed.equals(version) || (scheme != null && sameVersion(scheme, listed, version))) {
        hit = true;
        break;
      }
    }
    for (OsvRecord.Range range : affected.ranges()) {
      if (range.type() == OsvRecord.RangeType.GIT) {
        continue;
      }
      if (scheme == null) {
        problems.add(advisoryId + ": no version ordering is known for " + affected.ecosystem()
            + ", so its " + range.type() + " range was not evaluated");
        continue;
      }
      try {
        RangeVerdict verdict = evaluateRange(range, version, scheme);
        if (verdict.affected) {
          hit = true;
          fixed = fixed == null ? verdict.fixed : fixed;
        }
      } catch (InvalidVersionException e) {
        problems.add(advisoryId + ": a range event of " + affected.ecosystem() + " package " + affected.name()
            + " is not a valid " + scheme.name() + " version (" + e.getMessage() + "); the range was skipped");
      }
    }
    return new Verdict(hit, hit ? fixed : null, problems);
  }

  private record RangeVerdict(boolean affected, String fixed) {}

  private static RangeVerdict evaluateRange(OsvRecord.Range range, String version, VersionScheme scheme) {
    List<OsvRecord.Event> events = new ArrayList<>(range.events());
    events.sort((a, b) -> compareEvents(scheme, a, b));
    boolean affected = false;
    for (OsvRecord.Event event : events) {
      switch (event.kind()) {
        case INTRODUCED -> {
          if (isZero(event) || scheme.compare(version, event.version()) >= 0) {
            affected = true;
          }
        }
        case FIXED -> {
          if (scheme.compare(version, event.version()) >= 0) {
            affected = false;
          }
        }
        case LAST_AFFECTED -> {
          if (scheme.compare(version, event.version()) > 0) {
            affected = false;
          }
        }
        case LIMIT -> {
          // Limits are applied below, after the walk, because they bound the whole range.
        }
      }
    }
    boolean hasLimit = false;
    boolean belowLimit = false;
    for (OsvRecord.Event event : events) {
      if (event.kind() == OsvRecord.EventKind.LIMIT) {
        hasLimit = true;
        belowLimit |= scheme.compare(version, event.version()) < 0;
      }
    }
    if (!affected || (hasLimit && !belowLimit)) {
      return new RangeVerdict(false, null);
    }
    String fixed = null;
    for (OsvRecord.Event event : events) {
      if (event.kind() == OsvRecord.EventKind.FIXED && scheme.compare(version, event.version()) < 0) {
        fixed = event.version();
        break;
      }
    }
    return new RangeVerdict(true, fixed);
  }

  private static int compareEvents(VersionScheme scheme, OsvRecord.Event a, OsvRecord.Event b) {
    boolean zeroA = isZero(a);
    boolean zeroB = isZero(b);
    if (zeroA || zeroB) {
      return Boolean.compare(!zeroA, !zeroB);
    }
    return scheme.compare(a.version(), b.version());
  }

  private static boolean isZero(OsvRecord.Event event) {
    return event.kind() == OsvRecord.EventKind.INTRODUCED && "0".equals(event.version());
  }

  private static boolean sameVersion(VersionScheme scheme, String listed, String version) {
    try {
      return scheme.compare(listed, version) == 0;
    } catch (InvalidVersionException e) {
      return false;
    }
  }
}
