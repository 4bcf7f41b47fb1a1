package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiVersionsTest {

  @ParameterizedTest(name = "server {0} (min {1}) -> {2}")
  @CsvSource(nullValues = "null", value = {
      "1.41, 1.12, 1.41",
      "1.44, 1.24, 1.44",
      "1.47, 1.24, 1.44",
      "1.51, 1.44, 1.44",
      "1.24, null, 1.24",
  })
  void negotiatePicksLowerOfBoth(String server, String serverMin, String expected) {
    assertThat(ApiVersions.negotiate(server, serverMin)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "server {0} (min {1}) rejected: {2}")
  @CsvSource({
      "1.23, 1.12, needs at least 1.24",
      "1.9, 1.9, upgrade Docker",
      "1.52, 1.45, upgrade Hullscope",
  })
  void negotiateRejectsUnsupportedServer(String server, String serverMin, String message) {
    assertThatThrownBy(() -> ApiVersions.negotiate(server, serverMin))
        .isInstanceOf(ApiVersions.UnsupportedApiVersionException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "invalid version {0}")
  @CsvSource({"1", "v1.41", "1.41.0", "latest", "''"})
  void negotiateRejectsMalformedVersion(String server) {
    assertThatThrownBy(() -> ApiVersions.negotiate(server, "1.12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid Docker API version");
  }

  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource({"1.9, 1.10, -1", "1.41, 1.41, 0", "2.0, 1.99, 1"})
  void compareIsNumeric(String left, String right, int expected) {
    assertThat(Integer.signum(ApiVersions.compare(left, right))).isEqualTo(expected);
  }
}
