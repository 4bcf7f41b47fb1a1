package io.hullscope.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

  private static final String DIFF_ID = "sha256:" + "a".repeat(64);

  private static ImageConfig parse(String json) throws ImageReadException {
    return ConfigParser.parse(json.getBytes(StandardCharsets.UTF_8), "app:1", "config.json");
  }

  private static String minimal(String extra) {
    return "{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"," + extra
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + DIFF_ID + "\"]}}";
  }

  @Test
  void dockerConfigFieldsAreRead() throws ImageReadException {
    ImageConfig config = parse(minimal("""
        "created":"2024-05-06T07:08:09.123456789+02:00","author":"someone","unknown":{"x":[1,2]},
        "config":{"User":"app","Entrypoint":["/bin/app"],"Cmd":["serve"],"Env":["A=1"],
          "ExposedPorts":{"80/tcp":{},"53/udp":{}},"Volumes":{"/data":{}},"WorkingDir":"/srv",
          "Labels":{"k":"v"},"StopSignal":"SIGQUIT","OnBuild":null,
          "Healthcheck":{"Test":["CMD","true"],"Interval":30000000000,"Timeout":1500000000,"StartPeriod":1,"Retries":4}},
        "history":[{"created":"2024-05-06T05:08:09Z","created_by":"ADD x /","comment":"c"},
          {"created_by":"ENV A=1","empty_layer":true}],
        """));

    assertThat(config.platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
    assertThat(config.created()).isEqualTo(Instant.parse("2024-05-06T05:08:09.123456789Z"));
    assertThat(config.author()).isEqualTo("someone");
    assertThat(config.user()).isEqualTo("app");
    assertThat(config.entrypoint()).containsExactly("/bin/app");
    assertThat(config.cmd()).containsExactly("serve");
    assertThat(config.env()).containsExactly("A=1");
    assertThat(config.exposedPorts()).containsExactlyInAnyOrder("80/tcp", "53/udp");
    assertThat(config.volumes()).containsExactly("/data");
    assertThat(config.workingDir()).isEqualTo("/srv");
    assertThat(config.labels()).containsEntry("k", "v");
    assertThat(config.stopSignal()).isEqualTo("SIGQUIT");
    assertThat(config.healthcheck().test()).containsExactly("CMD", "true");
    assertThat(config.healthcheck().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.healthcheck().timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.healthcheck().startPeriod()).isEqualTo(Duration.ofNanos(1));
    assertThat(config.healthcheck().retries()).isEqualTo(4);
    assertThat(config.history()).containsExactly(
        new HistoryEntry(Instant.parse("2024-05-06T05:08:09Z"), "ADD x /", "c", false),
        new HistoryEntry(null, "ENV A=1", null, true));
    assertThat(config.diffIds()).containsExactly(Digest.parse(DIFF_ID));
  }

  @Test
  void nullFieldsCountAsAbsent() throws ImageReadException {
    ImageConfig config = parse(minimal(
        "\"config\":{\"User\":null,\"Cmd\":null,\"Entrypoint\":null,\"Env\":null,\"Labels\":null,\"Volumes\":null},\"history\":null,"));

    assertThat(config.user()).isNull();
    assertThat(config.cmd()).isEmpty();
    assertThat(config.entrypoint()).isEmpty();
    assertThat(config.env()).isEmpty();
    assertThat(config.labels()).isEmpty();
    assertThat(config.volumes()).isEmpty();
    assertThat(config.history()).isEmpty();
    assertThat(config.healthcheck()).isNull();
  }

  @Test
  void stringCmdIsOneElementList() throws ImageReadException {
    ImageConfig config = parse(minimal("\"config\":{\"Cmd\":\"nginx -g 'daemon off;'\"},"));

    assertThat(config.cmd()).containsExactly("nginx -g 'daemon off;'");
  }

  @Test
  void disabledHealthcheckIsRead() throws ImageReadException {
    ImageConfig config = parse(minimal("\"config\":{\"Healthcheck\":{\"Test\":[\"NONE\"]}},"));

    assertThat(config.healthcheck().disabled()).isTrue();
    assertThat(config.healthcheck().interval()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      wrong user type        | "config":{"User":7},                         | field 'config.User' must be a string but is a number
      wrong env item         | "config":{"Env":["A",1]},                    | field 'config.Env' must be an array of strings but is a number
      wrong labels type      | "config":{"Labels":["a"]},                   | field 'config.Labels' must be an object of strings but is an array
      wrong label value      | "config":{"Labels":{"a":1}},                 | field 'config.Labels.a' must be a string but is a number
      fractional interval    | "config":{"Healthcheck":{"Interval":1.5}},   | field 'config.Healthcheck.Interval' must be an integer
      negative retries       | "config":{"Healthcheck":{"Retries":-1}},     | field 'config.Healthcheck.Retries' must be between 0
      wrong history type     | "history":{"a":1},                           | field 'history' must be an array of objects but is an object
      history item string    | "history":["RUN x"],                         | field 'history[0]' must be an object but is a string
      wrong empty_layer      | "history":[{"empty_layer":"yes"}],           | field 'history[0].empty_layer' must be true or false
      invalid created        | "created":"yesterday",                       | field 'created' is not an RFC 3339 time: 'yesterday'
      wrong config type      | "config":[],                                 | field 'config' must be an object but is an array
      """)
  void wrongTypeNamesField(String description, String extra, String expected) {
    assertThatThrownBy(() -> parse(minimal(extra)))
        .isInstanceOf(ImageReadException.class)
        .hasMessageStartingWith("Cannot read image app:1, entry config.json: ")
        .hasMessageContaining(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing os           | {"architecture":"amd64","rootfs":{"diff_ids":[]}}                    | required field 'os' is missing
      missing architecture | {"os":"linux","rootfs":{"diff_ids":[]}}                              | required field 'architecture' is missing
      missing rootfs       | {"os":"linux","architecture":"amd64"}                                | required field 'rootfs' is missing
      missing diff_ids     | {"os":"linux","architecture":"amd64","rootfs":{"type":"layers"}}     | field 'rootfs.diff_ids' is missing
      invalid diff id      | {"os":"linux","architecture":"amd64","rootfs":{"diff_ids":["md5:x"]}} | field 'rootfs.diff_ids' holds an invalid digest
      blank os             | {"os":"","architecture":"amd64","rootfs":{"diff_ids":[]}}            | invalid platform
      top-level array      | []                                                                   | expected a JSON object but found an array
      truncated            | {"os":"linux"                                                        | invalid JSON
      trailing garbage     | {"os":"linux"} {}                                                    | invalid JSON
      duplicate key        | {"os":"linux","os":"windows"}                                        | invalid JSON: Duplicate field 'os'
      """)
  void invalidConfigIsRejected(String description, String json, String expected) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(ImageReadException.class)
        .hasMessageStartingWith("Cannot read image app:1, entry config.json: ")
        .hasMessageContaining(expected);
  }

  @Test
  void deeplyNestedJsonIsRejected() {
    String nested = minimal("\"junk\":" + "[".repeat(5000) + "]".repeat(5000) + ",");

    assertThatThrownBy(() -> parse(nested))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("invalid JSON")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> parse(""))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("empty");
  }
}
