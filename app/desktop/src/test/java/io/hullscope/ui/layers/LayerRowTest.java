package io.hullscope.ui.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayerRowTest {

  @Test
  void shortCommandDropsNopPrefix() {
    LayerRow row = new LayerRow(0, 10, 20, 1, "/bin/sh -c #(nop)  CMD [\"nginx\"]");

    assertThat(row.shortCommand()).isEqualTo("CMD [\"nginx\"]");
  }

  @Test
  void shortCommandCutsLongCommand() {
    String command = "RUN apt-get update \\\n    && apt-get install -y " + "package ".repeat(20);
    LayerRow row = new LayerRow(1, 10, 20, 1, command);

    assertThat(row.shortCommand()).hasSize(80);
    assertThat(row.shortCommand()).startsWith("RUN apt-get update \\ && apt-get install -y package");
    assertThat(row.shortCommand()).endsWith("...");
  }

  @Test
  void shortCommandOfMissingHistoryIsEmpty() {
    assertThat(new LayerRow(2, -1, 0, 0, "").shortCommand()).isEmpty();
  }
}
