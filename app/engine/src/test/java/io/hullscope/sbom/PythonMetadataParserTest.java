package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonMetadataParserTest {

  private static final String METADATA_PATH = "usr/lib/python3/dist-packages/Requests_OAuth.lib-1.3.1.dist-info/METADATA";

  private final PythonMetadataParser parser = new PythonMetadataParser();

  @Test
  void debianEggInfoGivesPackageFields() throws IOException {
    Path fixture = TestData.file("lang/python/Python-2.7.egg-info");
    Package pkg;
    try (InputStream in = Files.newInputStream(fixture)) {
      pkg = parser.parse("usr/lib/python2.7/lib-dynload/Python-2.7.egg-info", in);
    }

    assertThat(pkg.name()).isEqualTo("Python");
    assertThat(pkg.version()).isEqualTo("2.7.13");
    assertThat(pkg.licenses()).containsExactly("PSF license");
    assertThat(pkg.purl()).isEqualTo("pkg:pypi/python@2.7.13");
    assertThat(pkg.type()).isEqualTo("pypi");
    assertThat(pkg.evidencePath()).isEqualTo("usr/lib/python2.7/lib-dynload/Python-2.7.egg-info");
  }

  @Test
  void headersAfterDescriptionGapAreRead() throws IOException {
    String text = "Name: old\nVersion: 1.0\nDescription: first line\n        more\n\n        after a gap\n"
        + "Classifier: License :: OSI Approved :: MIT License\n";

    Package pkg = parse(text);

    assertThat(pkg.licenses()).containsExactly("MIT License");
  }

  @Test
  void purlUsesNormalizedName() throws IOException {
    Package pkg = parse("Metadata-Version: 2.1\nName: Requests_OAuth.lib\nVersion: 1.3.1\n");

    assertThat(pkg.name()).isEqualTo("Requests_OAuth.lib");
    assertThat(pkg.purl()).isEqualTo("pkg:pypi/requests-oauth-lib@1.3.1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "requests                                  | requests",
        "Foo_Bar.baz >=1.0                         | foo-bar-baz",
        "charset-normalizer<4,>=2                  | charset-normalizer",
        "PySocks!=1.5.7,>=1.5.6; extra == \"socks\"  | pysocks",
        "cryptography[ssl] (>=3.3) ; python_version >= \"3.7\" | cryptography",
        "zope.__interface                          | zope-interface",
      })
  void requirementGivesNormalizedName(String requirement, String expected) {
    assertThat(PythonMetadataParser.requirementName(requirement)).isEqualTo(expected);
  }

  @Test
  void dependenciesAreListedOnce() throws IOException {
    String text = "Name: requests\nVersion: 2.31.0\n"
        + "Requires-Dist: charset-normalizer<4,>=2\n"
        + "Requires-Dist: urllib3<3,>=1.21.1\n"
        + "Requires-Dist: PySocks!=1.5.7,>=1.5.6; extra == \"socks\"\n"
        + "Requires-Dist: Charset_Normalizer ; extra == \"use_chardet_on_py3\"\n";

    assertThat(parse(text).dependencies()).containsExactly("charset-normalizer", "urllib3", "pysocks");
  }

  @Test
  void licenseExpressionWinsOverOthers() throws IOException {
    String text = "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\nLicense-Expression: MIT OR Apache-2.0\n"
        + "License: MIT\nClassifier: License :: OSI Approved :: MIT License\n";

    assertThat(parse(text).licenses()).containsExactly("MIT OR Apache-2.0");
  }

  @Test
  void classifiersReplaceLicenseText() throws IOException {
    String text = "Name: demo\nVersion: 1.0\nLicense: Copyright (c) 2024 Someone\n"
        + "        Permission is hereby granted, free of charge...\n"
        + "Classifier: Programming Language :: Python\n"
        + "Classifier: License :: OSI Approved :: MIT License\n"
        + "Classifier: License :: OSI Approved :: BSD License\n";

    assertThat(parse(text).licenses()).containsExactly("MIT License", "BSD License");
  }

  @Test
  void bodyIsIgnored() throws IOException {
    String text = "Name: demo\nVersion: 1.0\nDescription-Content-Type: text/markdown\n\n"
        + "# demo\nRequires-Dist: fake\nVersion: 9.9\n";

    Package pkg = parse(text);

    assertThat(pkg.version()).isEqualTo("1.0");
    assertThat(pkg.dependencies()).isEmpty();
  }

  @Test
  void crlfLinesAreAccepted() throws IOException {
    Package pkg = parse("Name: demo\r\nVersion: 1.0\r\nRequires-Dist: six\r\n");

    assertThat(pkg.version()).isEqualTo("1.0");
    assertThat(pkg.dependencies()).containsExactly("six");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Version: 1.0\\nSummary: no name\\n | missing Name",
        "Name: demo\\nSummary: no version\\n | missing Version",
        "Name: demo\\nVers                 | missing Version",
        "''                                | missing Name",
        "\\nName: demo\\nVersion: 1.0\\n   | missing Name",
      })
  void missingNameOrVersionFails(String escaped, String problem) {
    String text = escaped.replace("\\n", "\n");

    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(METADATA_PATH)
        .hasMessageContaining(problem);
  }

  @Test
  void binaryContentFails() {
    byte[] bytes = {'N', 'a', 'm', 'e', ':', ' ', 0, 1, 2, (byte) 0xff};

    assertThatThrownBy(() -> parser.parse(METADATA_PATH, new ByteArrayInputStream(bytes)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(METADATA_PATH)
        .hasMessageContaining("NUL");
  }

  @Test
  void oversizedFileFails() {
    PythonMetadataParser small = new PythonMetadataParser(32);
    byte[] bytes = ("Name: demo\nVersion: 1.0\nSummary: " + "x".repeat(64) + "\n").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> small.parse(METADATA_PATH, new ByteArrayInputStream(bytes)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(METADATA_PATH)
        .hasMessageContaining("limit of 32 bytes");
  }

  @Test
  void blankLinesEndTheHeaders() throws IOException {
    Package pkg = parse("Name: demo\nVersion: 1.0\n" + "\n".repeat(200_000) + "Requires-Dist: fake\n");

    assertThat(pkg.dependencies()).isEmpty();
  }

  private Package parse(String text) throws IOException {
    return parser.parse(METADATA_PATH, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
