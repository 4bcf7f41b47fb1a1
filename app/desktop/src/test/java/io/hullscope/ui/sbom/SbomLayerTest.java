package io.hullscope.ui.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import org.junit.jupiter.api.Test;

class SbomLayerTest {

  private static final Digest DIFF_ID = Digest.sha256("0b7c277f9c7c" + "f".repeat(52));

  @Test
  void labelCutsLongCommand() {
    String command = "/bin/sh -c apt-get update && apt-get install -y " + "package ".repeat(20);
    SbomLayer layer = new SbomLayer(1, DIFF_ID, command);

    assertThat(layer.label()).startsWith("#1 0b7c277f9c7c /bin/sh -c apt-get update").endsWith("...");
    assertThat(layer.label()).hasSize("#1 0b7c277f9c7c ".length() + 80);
    assertThat(layer.fullLabel()).isEqualTo("#1 0b7c277f9c7c " + command.strip());
  }

  @Test
  void labelDropsNopMarker() {
    SbomLayer layer = new SbomLayer(0, DIFF_ID, "/bin/sh -c #(nop)  CMD [\"sh\"]");

    assertThat(layer.label()).isEqualTo("#0 0b7c277f9c7c CMD [\"sh\"]");
  }

  @Test
  void labelWithoutDigestOrCommand() {
    assertThat(new SbomLayer(3, null, "").label()).isEqualTo("#3");
    assertThat(new SbomLayer(3, null, "").fullLabel()).isEqualTo("#3");
  }
}
