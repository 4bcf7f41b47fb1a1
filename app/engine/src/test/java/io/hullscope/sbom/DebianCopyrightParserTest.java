package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DebianCopyrightParserTest {

  private static final String PATH = "usr/share/doc/libexample1/copyright";
  private static final String MACHINE_READABLE = """
      Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
      Upstream-Name: example
      Source: https://example.org/releases

      Files: *
      Copyright: 2001-2024 Example Authors
      License: LGPL-2.1+

      Files: debian/*
      Copyright: 2020 A Maintainer
      License: GPL-2+ or Artistic
       This continuation line is part of the license text.

      Files: src/compat/*
      Copyright: 1995 Someone Else
      License: LGPL-2.1+

      License: LGPL-2.1+
       This library is free software.
      """;

  @Test
  void machineReadableListsLicensesOnce() throws IOException {
    assertThat(parse(MACHINE_READABLE)).containsExactly("LGPL-2.1+", "GPL-2+ or Artistic");
  }

  @Test
  void freeFormFileGivesNoLicense() throws IOException {
    String freeForm = "This package was debianized by A Maintainer.\n\nLicense: GPL-2, see /usr/share/common-licenses\n";

    assertThat(parse(freeForm)).isEmpty();
  }

  @Test
  void lateFormatFieldIsIgnored() throws IOException {
    assertThat(parse("Upstream-Name: x\n\nFormat: copyright-format/1.0\nLicense: MIT\n")).isEmpty();
  }

  @Test
  void oversizedFileFails() {
    DebianCopyrightParser small = new DebianCopyrightParser(64);

    assertThatThrownBy(() -> small.parse(PATH, stream(MACHINE_READABLE)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH);
  }

  @Test
  void binaryFileFails() {
    assertThatThrownBy(() -> parse("Format: copyright-format\u0000\u0001\u0002"))
        .isInstanceOf(PackageDatabaseException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "usr/share/doc/bash/copyright,           bash",
      "usr/share/doc/libc6/copyright,          libc6",
      "usr/share/doc/bash/examples/copyright,  ",
      "usr/share/doc//copyright,               ",
      "usr/share/doc/bash/changelog.gz,        ",
      "opt/usr/share/doc/bash/copyright,       ",
  })
  void copyrightPathNamesItsPackage(String path, String expected) {
    assertThat(DebianCopyrightParser.packageOf(path)).isEqualTo(expected);
  }

  private static List<String> parse(String text) throws IOException {
    return new DebianCopyrightParser(DebianCopyrightParser.DEFAULT_MAX_BYTES).parse(PATH, stream(text));
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
