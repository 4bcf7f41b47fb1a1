package io.hullscope.ui.sbom;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * Packages by ecosystem as horizontal bars: all packages, and those the filter matches while a filter
 * is set. The count chips above show the same numbers as text.
 */
final class EcosystemChart {

  private final SbomViewModel viewModel;
  private final BarChart<Number, String> chart;

  EcosystemChart(SbomViewModel viewModel) {
    this.viewModel = viewModel;
    NumberAxis countAxis = new NumberAxis();
    countAxis.setLabel("Packages");
    countAxis.setMinorTickVisible(false);
    countAxis.setTickLabelFormatter(new StringConverter<>() {
      // Package counts are whole numbers, so ticks between them get no label.
      @Override
      public String toString(Number value) {
        double number = value.doubleValue();
        return number == Math.rint(number) ? Long.toString((long) number) : "";
      }

      @Override
      public Number fromString(String text) {
        return Long.parseLong(text);
      }
    });
    CategoryAxis ecosystemAxis = new CategoryAxis();
    chart = new BarChart<>(countAxis, ecosystemAxis);
    chart.setId("ecosystemChart");
    chart.setAnimated(false);
    chart.setBarGap(1);
    chart.setCategoryGap(6);
    chart.setMinHeight(140);
    chart.setPrefHeight(220);
    chart.getStyleClass().add("ecosystem-chart");
    chart.setAccessibleText("Number of packages per ecosystem");
    viewModel.counts().addListener((ListChangeListener<EcosystemCount>) change -> fill());
    fill();
  }

  /**
   * Returns the bars in chip order. The second series, the packages the filter matches, is empty
   * while no filter is set, so an unfiltered chart has one bar per ecosystem.
   */
  static List<Bar> bars(List<EcosystemCount> counts) {
    return counts.stream().map(count -> new Bar(count.name(), count.total(), count.matching())).toList();
  }

  private void fill() {
    List<Bar> bars = bars(viewModel.counts());
    boolean filtered = bars.stream().anyMatch(bar -> bar.matching() != bar.total());
    XYChart.Series<Number, String> all = new XYChart.Series<>();
    all.setName("All packages");
    XYChart.Series<Number, String> matching = new XYChart.Series<>();
    matching.setName("Matching the filter");
    for (Bar bar : bars) {
      all.getData().add(data(bar.total(), bar.name(), bar.name() + ": " + bar.total() + " packages"));
      if (filtered) {
        matching.getData().add(data(bar.matching(), bar.name(), bar.name() + ": " + bar.matching() + " of "
            + bar.total() + " match the filter"));
      }
    }
    chart.setLegendVisible(filtered);
    chart.getData().setAll(filtered ? List.of(all, matching) : List.of(all));
    // The chart creates a node per bar when the series joins it, so the tooltips go on afterwards.
    for (XYChart.Series<Number, String> series : chart.getData()) {
      for (XYChart.Data<Number, String> data : series.getData()) {
        if (data.getNode() != null) {
          Tooltip.install(data.getNode(), new Tooltip((String) data.getExtraValue()));
        }
      }
    }
  }

  private static XYChart.Data<Number, String> data(int count, String name, String tooltip) {
    return new XYChart.Data<>(count, name, tooltip);
  }

  Node node() {
    return chart;
  }

  /**
   * One ecosystem of the chart.
   *
   * @param name display name, for example "Debian packages"
   * @param total packages of the ecosystem
   * @param matching packages the filter matches, equal to {@code total} without a filter
   */
  record Bar(String name, int total, int matching) {}
}
