package io.hullscope.ui.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSizeChartTest {

  @Test
  void barPerLayerInOrder() {
    List<LayerSizeChart.Bar> bars = LayerSizeChart.bars(List.of(
        new LayerRow(1, 100, 3 * 1024 * 1024, 12, "/bin/sh -c #(nop) ADD file:abc in /"),
        new LayerRow(2, 50, 512 * 1024, 1, "COPY run.sh /app/")));

    assertThat(bars).extracting(LayerSizeChart.Bar::position).containsExactly(0, 1);
    assertThat(bars).extracting(LayerSizeChart.Bar::label).containsExactly("1", "2");
    assertThat(bars).extracting(LayerSizeChart.Bar::size).containsExactly(3.0, 0.5);
  }

  @Test
  void unitFollowsLargestLayer() {
    assertThat(LayerSizeChart.unitFor(List.of()).name()).isEqualTo("bytes");
    assertThat(LayerSizeChart.unitFor(List.of(row(1023))).name()).isEqualTo("bytes");
    assertThat(LayerSizeChart.unitFor(List.of(row(1024))).name()).isEqualTo("KiB");
    assertThat(LayerSizeChart.unitFor(List.of(row(10), row(5L << 30))).name()).isEqualTo("GiB");
    assertThat(LayerSizeChart.unitFor(List.of(row(Long.MAX_VALUE))).name()).isEqualTo("TiB");
  }

  @Test
  void smallLayersSizedInBytes() {
    assertThat(LayerSizeChart.bars(List.of(row(300), row(600)))).extracting(LayerSizeChart.Bar::size)
        .containsExactly(300.0, 600.0);
  }

  private static LayerRow row(long size) {
    return new LayerRow(1, -1, size, 1, "");
  }

  @Test
  void tooltipNamesSizeEntriesAndCommand() {
    List<LayerSizeChart.Bar> bars = LayerSizeChart.bars(List.of(
        new LayerRow(2, 50, 512 * 1024, 1, "COPY run.sh /app/"),
        new LayerRow(3, 50, 0, 0, "")));

    assertThat(bars.get(0).tooltip()).startsWith("Layer 2: ").contains(" unpacked, 1 entry\nCOPY run.sh /app/");
    assertThat(bars.get(1).tooltip()).endsWith("unpacked, 0 entries");
  }

  @Test
  void noLayersNoBars() {
    assertThat(LayerSizeChart.bars(List.of())).isEmpty();
  }
}
