package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.sbom.Distro;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EolTableTest {

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "debian, 11, null, 2026-08-31",
      "debian, null, bookworm, 2028-06-10",
      "ubuntu, 22.04, jammy, 2027-04-01",
      "alpine, 3.19.1, null, 2025-11-01",
      "alpine, 3.19, null, 2025-11-01",
      "rhel, 9.4, null, 2032-05-31",
      "amzn, 2, null, 2026-06-30",
      "amzn, 2023, null, 2029-06-30",
      "fedora, 40, null, 2025-05-13",
      "DEBIAN, 12, null, 2028-06-10",
  })
  void bundledTableFindsRelease(String id, String version, String codename, String endOfLife) {
    Distro distro = new Distro(id, version, codename, null);

    assertThat(EolTable.bundled().find(distro)).get()
        .extracting(EolTable.Release::endOfLife).isEqualTo(LocalDate.parse(endOfLife));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "debian, null, sid",
      "debian, 99, null",
      "alpine, 3.1, null",
      "alpine, 3.190, null",
      "gentoo, 2.15, null",
      "null, 12, null",
  })
  void unknownReleaseIsNotFound(String id, String version, String codename) {
    assertThat(EolTable.bundled().find(new Distro(id, version, codename, null))).isEmpty();
  }

  @Test
  void bundledTableHasOneLinePerRelease() {
    Set<String> seen = new HashSet<>();
    for (EolTable.Release release : EolTable.bundled().releases()) {
      assertThat(seen.add(release.id() + " " + release.release())).as(release.toString()).isTrue();
    }
    assertThat(seen).hasSizeGreaterThan(50);
  }

  @Test
  void parseSkipsCommentsAndBlankLines() throws IOException {
    EolTable table = parse("# comment\n\n  debian 12 bookworm 2028-06-10  \n");

    assertThat(table.releases()).containsExactly(
        new EolTable.Release("debian", "12", "bookworm", LocalDate.of(2028, 6, 10)));
  }

  @Test
  void parseRejectsMissingColumn() {
    assertThatThrownBy(() -> parse("debian 12 2028-06-10\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("needs 4 columns");
  }

  @Test
  void parseRejectsInvalidDate() {
    assertThatThrownBy(() -> parse("# x\ndebian 12 bookworm 2028-13-45\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("2028-13-45");
  }

  @Test
  void parseRejectsBinaryGarbage() {
    byte[] garbage = new byte[256];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 37);
    }
    assertThatThrownBy(() -> EolTable.parse(new ByteArrayInputStream(garbage)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static EolTable parse(String text) throws IOException {
    return EolTable.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
