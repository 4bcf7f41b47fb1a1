package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Platform;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DaemonMetadataTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Builds a /history response, newest first, from sizes given oldest first. */
  private static JsonNode apiHistory(String sizesOldestFirst) throws IOException {
    List<String> items = new ArrayList<>();
    String[] sizes = sizesOldestFirst.split(" ");
    for (int i = 0; i < sizes.length; i++) {
      items.add(0, "{\"Created\":" + (1_700_000_000 + i) + ",\"CreatedBy\":\"step " + i + "\",\"Comment\":\"\",\"Size\":" + sizes[i] + "}");
    }
    return JSON.readTree("[" + String.join(",", items) + "]");
  }

  @ParameterizedTest(name = "sizes {0}, {1} layers -> empty flags {2}")
  @CsvSource({
      "'90 0 0 5019 0 0 5000', 3, 'false true true false true true false'",
      "'100 0',                1, 'false true'",
      "'0 0',                  2, 'false false'",
      "'100 200 300',          3, 'false false false'",
  })
  void historyRecoversEmptyLayerFlags(String sizes, int layers, String expected) throws IOException {
    List<HistoryEntry> history = DaemonMetadata.historyFromApi(apiHistory(sizes), layers);

    assertThat(history).extracting(HistoryEntry::emptyLayer)
        .containsExactlyElementsOf(List.of(expected.split(" ")).stream().map(Boolean::parseBoolean).toList());
    assertThat(history.get(0).createdBy()).isEqualTo("step 0");
    assertThat(history.get(0).created()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
  }

  @ParameterizedTest(name = "sizes {0}, {1} layers is ambiguous")
  @CsvSource({"'100 0 0', 2", "'0 0 0', 1", "'100', 2"})
  void historyAmbiguousReturnsNull(String sizes, int layers) throws IOException {
    assertThat(DaemonMetadata.historyFromApi(apiHistory(sizes), layers)).isNull();
  }

  @Test
  void configReadsInspectFields() throws IOException {
    JsonNode inspect = JSON.readTree("""
        {"Id":"sha256:%s","Created":"2026-12-04T20:40:23.934717868Z","Author":"me",
         "Os":"linux","Architecture":"arm64","Variant":"v8",
         "Config":{"User":"1000:1000","Env":["A=1"],"Cmd":["run"],"Entrypoint":["/init"],
           "ExposedPorts":{"8080/tcp":{}},"Volumes":{"/data":{}},"WorkingDir":"/app",
           "Labels":{"k":"v"},"StopSignal":"SIGTERM",
           "Healthcheck":{"Test":["CMD","/bin/true"],"Interval":30000000000,"Retries":3}},
         "RootFS":{"Type":"layers","Layers":["sha256:%s"]}}
        """.formatted("a".repeat(64), "b".repeat(64)));

    ImageConfig config = DaemonMetadata.config(inspect, List.of());

    assertThat(config.platform()).isEqualTo(new Platform("linux", "arm64", "v8"));
    assertThat(config.user()).isEqualTo("1000:1000");
    assertThat(config.env()).containsExactly("A=1");
    assertThat(config.cmd()).containsExactly("run");
    assertThat(config.entrypoint()).containsExactly("/init");
    assertThat(config.exposedPorts()).containsExactly("8080/tcp");
    assertThat(config.volumes()).containsExactly("/data");
    assertThat(config.workingDir()).isEqualTo("/app");
    assertThat(config.labels()).containsEntry("k", "v");
    assertThat(config.stopSignal()).isEqualTo("SIGTERM");
    assertThat(config.healthcheck().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.healthcheck().timeout()).isNull();
    assertThat(config.healthcheck().retries()).isEqualTo(3);
    assertThat(config.created()).isEqualTo(Instant.parse("2026-12-04T20:40:23.934717868Z"));
    assertThat(config.author()).isEqualTo("me");
    assertThat(config.diffIds()).hasSize(1);
  }

  @Test
  void configLeavesEmptyUserNull() throws IOException {
    JsonNode inspect = JSON.readTree("{\"Os\":\"linux\",\"Architecture\":\"amd64\",\"Config\":{\"User\":\"\"},\"RootFS\":{}}");

    assertThat(DaemonMetadata.config(inspect, List.of()).user()).isNull();
  }
}
