package io.hullscope.vuln.version;

/**
 * Maven artifact versions, ordered as Maven's {@code ComparableVersion} orders them.
 *
 * <p>The version is lower-cased and split into items at {@code .}, at {@code -} and where digits
 * meet letters. A {@code -}, or a change from digits to letters, starts a nested list, which is less
 * important than an item after a dot. Numbers compare as numbers. Letter items are qualifiers:
 * {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp}, with
 * {@code a}, {@code b} and {@code m} short for alpha, beta and milestone when a digit follows, and
 * any other word after all of these in alphabetical order. A word directly followed by digits
 * ({@code rc1}) is one item that compares by its word and then by its number.
 *
 * <p>Lists compare item by item and the shorter one is padded: a missing item counts as {@code 0},
 * {@code ""} or an empty list, so {@code 1 = 1.0 = 1-ga}, {@code 1-rc < 1} and {@code 1 < 1-sp}.
 * Trailing items equal to that padding are dropped when the list is built. Between items of
 * different kinds, a number is newer than a list, which is newer than a qualifier.
 *
 * <p>Maven accepts any string as a version, so only empty and over-long strings and strings with
 * control characters or whitespace are rejected.
 *
 * @see <a
 *     href="https://maven.apache.org/pom.html#Version_Order_Specification">Maven POM reference:
 *     version order specification</a>
 */
public final class MavenVersion implements VersionScheme {

  private static final String NAME = "maven";

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public MavenVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public MavenVersion(int maxLength) {
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

  private MavenItems.ListItem parse(String version) {
    VersionText.check(NAME, version, maxLength);
    return MavenItems.parse(version);
  }
}
