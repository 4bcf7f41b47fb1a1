package io.hullscope.vuln;

import io.hullscope.image.ProgressListener;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.vuln.version.InvalidVersionException;
import io.hullscope.vuln.version.VersionScheme;
import io.hullscope.vuln.version.VersionSchemes;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The built-in scanner: matches an image's packages against the OSV advisories of a {@link
 * VulnerabilityDatabase}.
 *
 * <p>Withdrawn advisories are skipped. Advisories that share an id, alias or upstream id for the
 * same package are merged into one {@link VulnerabilityMatch}, so a CVE that Debian describes in a
 * DSA and in a DEBIAN-CVE record is reported once. A package whose version its ecosystem's scheme
 * cannot read, and an advisory range whose events cannot be compared, are reported in {@link
 * ScanResult#problems()} and skipped.
 */
public final class OsvMatcher {

  /** The scanner name recorded with every result. Raise the number when matching changes. */
  public static final String SCANNER = "hullscope-osv 1";

  private static final int MAX_PROBLEMS = 200;
  private static final List<String> DISTRO_PREFIXES =
      List.of("DSA-", "DLA-", "DEBIAN-", "USN-", "UBUNTU-", "ALPINE-", "ALSA-", "RLSA-", "CGA-");

  private final VulnerabilityDatabase database;
  private final Function<String, Optional<VersionScheme>> schemes;
  private final Clock clock;

  /** Creates a matcher with the version schemes of {@link VersionSchemes}. */
  public OsvMatcher(VulnerabilityDatabase database) {
    this(database, VersionSchemes::forEcosystem, Clock.systemUTC());
  }

  /**
   * @param schemes the version ordering of an OSV ecosystem, empty when none is known
   */
  public OsvMatcher(VulnerabilityDatabase database, Function<String, Optional<VersionScheme>> schemes, Clock clock) {
    this.database = database;
    this.schemes = schemes;
    this.clock = clock;
  }

  /**
   * Matches every package of {@code sbom}.
   *
   * @param imageDigest the digest that identifies the image in the scan cache
   * @throws IOException when the database cannot be read
   */
  public ScanResult match(String imageDigest, ImageSbom sbom, ProgressListener progress) throws IOException {
    String dataVersion = ScanResult.dataVersionOf(database.dataVersions());
    Problems problems = new Problems(MAX_PROBLEMS);
    List<OsvEcosystems.Query> queries = new ArrayList<>();
    Set<VulnerabilityDatabase.PackageKey> keys = new LinkedHashSet<>();
    for (ImagePackage found : sbom.packages()) {
      OsvEcosystems.Query query = OsvEcosystems.query(found.pkg(), sbom.distro());
      queries.add(query);
      if (query.supported()) {
        keys.add(new VulnerabilityDatabase.PackageKey(query.ecosystem(), query.name()));
      }
    }
    progress.step("Matching " + sbom.packages().size() + " packages against OSV advisories");
    Map<VulnerabilityDatabase.PackageKey, List<OsvRecord>> records = database.findAffecting(keys);
    List<VulnerabilityMatch> matches = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      progress.checkCancelled();
      OsvEcosystems.Query query = queries.get(i);
      if (!query.supported()) {
        problems.add(query.problem());
      } else {
        List<OsvRecord> candidates = records.getOrDefault(
            new VulnerabilityDatabase.PackageKey(query.ecosystem(), query.name()), List.of());
        matches.addAll(matchPackage(sbom.packages().get(i), query, candidates, problems));
      }
      progress.progress(i + 1, queries.size());
    }
    matches.sort(Comparator.comparing(VulnerabilityMatch::severity)
        .thenComparing(VulnerabilityMatch::id)
        .thenComparing(VulnerabilityMatch::packageName)
        .thenComparing(VulnerabilityMatch::installedVersion));
    return new ScanResult(imageDigest, SCANNER, dataVersion, clock.instant(), matches, problems.list());
  }

  private List<VulnerabilityMatch> matchPackage(ImagePackage found, OsvEcosystems.Query query,
      List<OsvRecord> records, Problems problems) {
    VersionScheme scheme = schemes.apply(query.ecosystem()).orElse(null);
    List<Hit> hits = new ArrayList<>();
    for (OsvRecord record : records) {
      if (record.isWithdrawn()) {
        continue;
      }
      for (OsvRecord.Affected affected : record.affected()) {
        OsvRangeEvaluator.Verdict verdict;
        try {
          verdict = OsvRangeEvaluator.evaluate(record.id(), affected, query.version(), scheme);
        } catch (InvalidVersionException e) {
          problems.add("Package " + found.pkg().name() + " was not matched because its version is invalid: "
              + e.getMessage());
          return List.of();
        }
        verdict.problems().forEach(problems::add);
        if (verdict.affected()) {
          hits.add(new Hit(record, affected, verdict.fixed()));
        }
      }
    }
    List<VulnerabilityMatch> matches = new ArrayList<>();
    for (List<Hit> group : IdGroups.of(hits, Hit::ids)) {
      matches.add(toMatch(found, query, scheme, group));
    }
    return matches;
  }

  private record Hit(OsvRecord record, OsvRecord.Affected affected, String fixed) {

    Set<String> ids() {
      Set<String> ids = new LinkedHashSet<>();
      ids.add(record.id());
      ids.addAll(record.aliases());
      ids.addAll(record.upstream());
      return ids;
    }
  }

  private static VulnerabilityMatch toMatch(ImagePackage found, OsvEcosystems.Query query, VersionScheme scheme,
      List<Hit> group) {
    TreeSet<String> ids = new TreeSet<>();
    VulnSeverity severity = VulnSeverity.UNKNOWN;
    Double score = null;
    String summary = null;
    Set<String> vectors = new LinkedHashSet<>();
    for (Hit hit : group) {
      ids.addAll(hit.ids());
      AdvisorySeverity.Rating rating = AdvisorySeverity.of(hit.record(), hit.affected());
      severity = AdvisorySeverity.max(severity, rating.severity());
      if (rating.score() != null && (score == null || rating.score() > score)) {
        score = rating.score();
      }
      if (summary == null && hit.record().summary() != null && !hit.record().summary().isBlank()) {
        summary = hit.record().summary();
      }
      List<OsvRecord.Severity> entries = new ArrayList<>(hit.record().severity());
      entries.addAll(hit.affected().severity());
      for (OsvRecord.Severity entry : entries) {
        if (entry.type() != null && entry.type().startsWith("CVSS_")) {
          vectors.add(entry.score());
        }
      }
    }
    String primaryId = ids.stream().filter(id -> id.startsWith("CVE-")).findFirst().orElse(group.get(0).record().id());
    ids.remove(primaryId);
    return new VulnerabilityMatch(primaryId, List.copyOf(ids), summary, found.pkg().name(), found.pkg().type(),
        found.pkg().purl(), query.ecosystem(), found.pkg().version(), fixedVersion(found, scheme, group),
        severity, score, List.copyOf(vectors), found.changedLayer());
  }

  /**
   * Returns the version that fixes every advisory of the group: the highest fixed version, taken
   * from the distro's own advisories when the package is an OS package and they give one.
   */
  private static String fixedVersion(ImagePackage found, VersionScheme scheme, List<Hit> group) {
    boolean osPackage = Set.of("deb", "apk", "rpm").contains(found.pkg().type());
    List<Hit> preferred = group;
    if (osPackage) {
      List<Hit> distro = group.stream()
          .filter(hit -> hit.fixed() != null && DISTRO_PREFIXES.stream().anyMatch(hit.record().id()::startsWith))
          .toList();
      if (!distro.isEmpty()) {
        preferred = distro;
      }
    }
    String best = null;
    for (Hit hit : preferred) {
      if (hit.fixed() != null && (best == null || newer(scheme, hit.fixed(), best))) {
        best = hit.fixed();
      }
    }
    return best;
  }

  private static boolean newer(VersionScheme scheme, String candidate, String current) {
    if (scheme == null) {
      return false;
    }
    try {
      return scheme.compare(candidate, current) > 0;
    } catch (InvalidVersionException e) {
      return false;
    }
  }
}
