package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JarManifestTest {

  static Stream<Arguments> bundleLicenseHeaders() {
    return Stream.of(
        Arguments.of("https://www.apache.org/licenses/LICENSE-2.0.txt",
            List.of("https://www.apache.org/licenses/LICENSE-2.0.txt")),
        Arguments.of("BSD-3-Clause;link=https://asm.ow2.io/LICENSE.txt", List.of("BSD-3-Clause")),
        Arguments.of("\"Apache-2.0\";link=\"https://www.apache.org/licenses/LICENSE-2.0.txt\"", List.of("Apache-2.0")),
        Arguments.of("\"Eclipse Public License, Version 2.0\";link=\"https://www.eclipse.org/legal/epl-2.0/\"",
            List.of("Eclipse Public License, Version 2.0")),
        Arguments.of("https://www.eclipse.org/legal/epl-2.0/, https://www.apache.org/licenses/LICENSE-2.0",
            List.of("https://www.eclipse.org/legal/epl-2.0/", "https://www.apache.org/licenses/LICENSE-2.0")),
        Arguments.of("https://opensource.org/licenses/BSD-2-Clause;description=BSD 2-Clause License",
            List.of("https://opensource.org/licenses/BSD-2-Clause")),
        Arguments.of("<<EXTERNAL>>", List.of()),
        Arguments.of("MIT, MIT", List.of("MIT")),
        Arguments.of(" , ;link=x", List.of()));
  }

  @ParameterizedTest
  @MethodSource("bundleLicenseHeaders")
  void bundleLicenseGivesNames(String header, List<String> expected) {
    assertThat(JarManifest.bundleLicenses(header)).isEqualTo(expected);
  }

  @Test
  void continuationLinesAreJoined() throws IOException {
    String text = "Manifest-Version: 1.0\r\nBundle-SymbolicName: org.example.a.very.long.symbolic.name.that.wraps.past.seventy\r\n"
        + " two.bytes; singleton:=true\r\nBundle-Version: 1.0.0\r\n\r\n";

    JarManifest manifest = JarManifest.parse(text.getBytes(StandardCharsets.UTF_8));

    assertThat(manifest.bundleSymbolicName())
        .isEqualTo("org.example.a.very.long.symbolic.name.that.wraps.past.seventytwo.bytes");
    assertThat(manifest.bundleVersion()).isEqualTo("1.0.0");
  }

  @Test
  void overlongValueIsDropped() throws IOException {
    String text = "Manifest-Version: 1.0\r\nImplementation-Version: " + "9".repeat(300).replaceAll("(.{60})", "$1\r\n ")
        + "\r\nImplementation-Title: ok\r\n\r\n";

    JarManifest manifest = JarManifest.parse(text.getBytes(StandardCharsets.UTF_8));

    assertThat(manifest.implementationVersion()).isNull();
    assertThat(manifest.implementationTitle()).isEqualTo("ok");
  }

  @Test
  void binaryManifestIsInvalid() {
    byte[] garbage = new byte[600];
    java.util.Arrays.fill(garbage, (byte) 'x');

    assertThatThrownBy(() -> JarManifest.parse(garbage)).isInstanceOf(IOException.class);
  }
}
