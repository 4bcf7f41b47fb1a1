package io.hullscope.vuln.version;

/**
 * Go module versions, ordered as {@code golang.org/x/mod/semver} orders them.
 *
 * <p>A module version is a SemVer 2.0.0 version with a {@code v} prefix. The shorthands {@code v1}
 * and {@code v1.2} mean {@code v1.0.0} and {@code v1.2.0} and take no pre-release or build part.
 * Pseudo-versions such as {@code v0.0.0-20191109021931-daa7c04131f5} or {@code
 * v1.2.4-0.20191109021931-daa7c04131f5} are pre-releases, so they sort after the tagged version
 * they were derived from and before the next release. {@code +incompatible} is build metadata and is
 * ignored, as all build metadata is.
 *
 * <p>The {@code v} is optional here because OSV writes Go versions without it. Unlike x/mod, which
 * sorts every invalid string below every valid version, this scheme rejects invalid strings, so that
 * a caller can report an unparsable version instead of treating it as the oldest one.
 *
 * @see <a href="https://go.dev/ref/mod#versions">Go modules reference: versions</a>
 */
public final class GoVersion implements VersionScheme {

  private static final String NAME = "go";

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public GoVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public GoVersion(int maxLength) {
    this.maxLength = VersionText.checkLimit(maxLength);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int compare(String a, String b) {
    return parse(a).compareTo(parse(b));
  }

  private SemVersion.Parsed parse(String version) {
    VersionText.check(NAME, version, maxLength);
    int start = version.charAt(0) == 'v' ? 1 : 0;
    String problem = SemVersion.Parsed.problem(version, start, true);
    if (problem != null) {
      throw new InvalidVersionException(NAME, VersionText.printable(version), problem);
    }
    return SemVersion.Parsed.of(version, start);
  }
}
