package io.hullscope.check;

import io.hullscope.sbom.Distro;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The last day of free security updates for distribution releases, keyed by os-release
 * {@code ID} and {@code VERSION_ID}. The bundled table is {@code distro-eol.txt} next to this
 * class; its header says where each date comes from and how a release is matched.
 */
public final class EolTable {

  /** The resource the default table is read from. */
  static final String RESOURCE = "distro-eol.txt";

  /**
   * One release of a distribution.
   *
   * @param id os-release {@code ID}, lower case
   * @param release the release as {@code VERSION_ID} starts, for example {@code 3.19} or {@code 12}
   * @param codename the code name, or null
   * @param endOfLife the last day with security updates
   */
  public record Release(String id, String release, String codename, LocalDate endOfLife) {}

  private static volatile EolTable bundled;

  private final List<Release> releases;

  public EolTable(List<Release> releases) {
    this.releases = List.copyOf(releases);
  }

  /** Returns the table bundled with Hullscope. */
  public static EolTable bundled() {
    EolTable table = bundled;
    if (table == null) {
      try (InputStream in = EolTable.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the resource " + RESOURCE + " is missing from the Hullscope engine");
        }
        table = parse(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
      }
      bundled = table;
    }
    return table;
  }

  /**
   * Parses a table in the format of the bundled file: one release per line, {@code #} comments.
   *
   * @throws IllegalArgumentException naming the line when a line has too few columns or an invalid date
   */
  public static EolTable parse(InputStream in) throws IOException {
    List<Release> releases = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] columns = text.split("\\s+");
      if (columns.length != 4) {
        throw new IllegalArgumentException("line " + lineNumber + " of the end-of-life table needs 4 columns,"
            + " not " + columns.length + ": " + text);
      }
      try {
        releases.add(new Release(columns[0].toLowerCase(Locale.ROOT), columns[1],
            columns[2].equals("-") ? null : columns[2], LocalDate.parse(columns[3])));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("line " + lineNumber + " of the end-of-life table has an invalid date: "
            + columns[3], e);
      }
    }
    return new EolTable(releases);
  }

  /** Every release in the table, in file order. */
  public List<Release> releases() {
    return releases;
  }

  /**
   * Finds the release of a distro: by {@code VERSION_ID} when it is set, else by code name. Returns
   * empty for an unknown distribution or release, and for rolling ones such as Debian sid.
   */
  public Optional<Release> find(Distro distro) {
    if (distro == null || distro.id() == null) {
      return Optional.empty();
    }
    String id = distro.id().toLowerCase(Locale.ROOT);
    String version = distro.versionId() == null ? "" : distro.versionId().strip();
    for (Release release : releases) {
      if (!release.id().equals(id)) {
        continue;
      }
      if (!version.isEmpty()) {
        if (version.equals(release.release()) || version.startsWith(release.release() + ".")) {
          return Optional.of(release);
        }
      } else if (release.codename() != null && release.codename().equalsIgnoreCase(distro.versionCodename())) {
        return Optional.of(release);
      }
    }
    return Optional.empty();
  }
}
