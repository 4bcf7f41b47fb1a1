package io.hullscope.ui.layers;

import io.hullscope.cli.ByteSizes;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

/**
 * A bar per layer with its unpacked size, so the heavy layers stand out; clicking a bar selects that
 * layer, as the table row does.
 */
final class LayerSizeChart {

  /** Binary units for the size axis, smallest first. */
  private static final List<String> UNITS = List.of("bytes", "KiB", "MiB", "GiB", "TiB");
  private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

  private final LayersViewModel viewModel;
  private final BarChart<String, Number> chart;
  private final NumberAxis sizeAxis = new NumberAxis();

  LayerSizeChart(LayersViewModel viewModel) {
    this.viewModel = viewModel;
    CategoryAxis layerAxis = new CategoryAxis();
    layerAxis.setLabel("Layer");
    sizeAxis.setForceZeroInRange(true);
    chart = new BarChart<>(layerAxis, sizeAxis);
    Tooltip.install(chart, new Tooltip("Unpacked size of each layer; click a bar to select its layer"));
    chart.setId("layerSizeChart");
    chart.setLegendVisible(false);
    chart.setAnimated(false);
    chart.setCategoryGap(4);
    chart.setBarGap(0);
    chart.setMinHeight(120);
    chart.getStyleClass().add("layer-size-chart");
    chart.setAccessibleText("Unpacked size of each layer; the table above lists the same sizes");
    viewModel.layers().addListener((ListChangeListener<LayerRow>) change -> fill());
    viewModel.selectedLayerProperty().addListener((observable, before, after) -> markSelected());
    fill();
  }

  /**
   * Returns the unit that keeps the largest size at 1 or more and below 1024, so the axis has
   * readable numbers. For example, the unit is KiB when no layer reaches 1 MiB.
   */
  static Unit unitFor(List<LayerRow> rows) {
    long largest = rows.stream().mapToLong(LayerRow::uncompressedSize).max().orElse(0);
    int exponent = 0;
    while (exponent < UNITS.size() - 1 && largest >= 1024L << (10 * exponent)) {
      exponent++;
    }
    return new Unit(UNITS.get(exponent), Math.pow(1024, exponent));
  }

  /**
   * Returns one bar per layer, in layer order, labelled with the layer's number as the table shows it
   * and sized in {@link #unitFor the unit} of the largest layer.
   */
  static List<Bar> bars(List<LayerRow> rows) {
    Unit unit = unitFor(rows);
    List<Bar> bars = new ArrayList<>(rows.size());
    for (int position = 0; position < rows.size(); position++) {
      LayerRow row = rows.get(position);
      String tooltip = "Layer " + row.index() + ": " + ByteSizes.format(row.uncompressedSize()) + " unpacked, "
          + row.entries() + (row.entries() == 1 ? " entry" : " entries")
          + (row.shortCommand().isEmpty() ? "" : "\n" + row.shortCommand());
      bars.add(new Bar(position, Integer.toString(row.index()), row.uncompressedSize() / unit.bytes(), tooltip));
    }
    return bars;
  }

  private void fill() {
    // The chart is narrow, so the axis names only the unit. The section title names the measure.
    sizeAxis.setLabel(unitFor(viewModel.layers()).name());
    List<Bar> bars = bars(viewModel.layers());
    XYChart.Series<String, Number> series = new XYChart.Series<>();
    for (Bar bar : bars) {
      series.getData().add(new XYChart.Data<>(bar.label(), bar.size()));
    }
    chart.getData().setAll(List.of(series));
    // The chart creates a node per bar when the series joins it, so the handlers go on afterwards.
    for (int position = 0; position < bars.size(); position++) {
      decorate(series.getData().get(position).getNode(), bars.get(position));
    }
    markSelected();
  }

  private void decorate(Node node, Bar bar) {
    if (node == null) {
      return;
    }
    Tooltip.install(node, new Tooltip(bar.tooltip()));
    node.setOnMouseClicked(event -> viewModel.selectedLayerProperty().set(bar.position()));
    node.getStyleClass().add("layer-bar");
  }

  private void markSelected() {
    if (chart.getData().isEmpty()) {
      return;
    }
    List<XYChart.Data<String, Number>> data = chart.getData().get(0).getData();
    for (int position = 0; position < data.size(); position++) {
      Node node = data.get(position).getNode();
      if (node != null) {
        node.pseudoClassStateChanged(SELECTED, position == viewModel.selectedLayerProperty().get());
      }
    }
  }

  Node node() {
    return chart;
  }

  /**
   * One bar of the chart.
   *
   * @param position the layer's position in the list, which selection uses
   * @param label the layer number shown under the bar
   * @param size the unpacked size in the chart's unit
   * @param tooltip size, entry count and the command that made the layer
   */
  record Bar(int position, String label, double size, String tooltip) {}

  /**
   * A unit of the size axis.
   *
   * @param name for example {@code MiB}
   * @param bytes bytes per unit
   */
  record Unit(String name, double bytes) {}
}
