package io.hullscope.ui.sbom;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The SBOM tab: grouping switch, filter and export on top, the counts per ecosystem below, the
 * package tree and the details of the selected package side by side, and the files that could not
 * be read at the bottom.
 */
public final class SbomView {

  private final SbomViewModel viewModel;
  private final VBox root;

  public SbomView(SbomViewModel viewModel) {
    this.viewModel = viewModel;

    SplitPane detailsAndChart = new SplitPane(new PackageDetailsView(viewModel).node(),
        new EcosystemChart(viewModel).node());
    detailsAndChart.setOrientation(Orientation.VERTICAL);
    detailsAndChart.setDividerPositions(0.6);
    SplitPane split = new SplitPane(new SbomTreeView(viewModel).node(), detailsAndChart);
    split.setDividerPositions(0.64);
    VBox.setVgrow(split, Priority.ALWAYS);

    Label exportMessage = new Label();
    exportMessage.setId("sbomExportMessage");
    exportMessage.textProperty().bind(viewModel.exportMessageProperty());
    exportMessage.getStyleClass().add(Styles.TEXT_MUTED);
    exportMessage.visibleProperty().bind(viewModel.exportMessageProperty().isNotEmpty());
    exportMessage.managedProperty().bind(exportMessage.visibleProperty());

    root = new VBox(6, toolbar(), importBar(), counts(), split, warnings(), exportMessage);
    root.setPadding(new Insets(6));
    root.setId("sbomView");
  }

  private HBox toolbar() {
    ToggleGroup group = new ToggleGroup();
    ToggleButton byEcosystem = grouping(group, "By ecosystem", "groupByEcosystem", SbomGrouping.ECOSYSTEM);
    ToggleButton byLayer = grouping(group, "By layer", "groupByLayer", SbomGrouping.LAYER);
    ToggleButton byDependency = grouping(group, "Dependencies", "groupByDependency", SbomGrouping.DEPENDENCIES);
    byEcosystem.getStyleClass().add(Styles.LEFT_PILL);
    byLayer.getStyleClass().add(Styles.CENTER_PILL);
    byDependency.getStyleClass().add(Styles.RIGHT_PILL);
    group.selectedToggleProperty().addListener((observable, before, after) -> {
      if (after == null) {
        group.selectToggle(before);
      } else {
        viewModel.groupingProperty().set((SbomGrouping) after.getUserData());
      }
    });
    selectToggle(group, viewModel.groupingProperty().get());
    viewModel.groupingProperty().addListener((observable, before, after) -> selectToggle(group, after));

    CustomTextField filter = new CustomTextField();
    filter.setId("sbomFilter");
    filter.setPromptText("Filter by name, version, license or package URL");
    filter.textProperty().bindBidirectional(viewModel.filterProperty());
    filter.setLeft(new FontIcon(Feather.FILTER));
    HBox.setHgrow(filter, Priority.ALWAYS);

    MenuButton export = new MenuButton("Export", new FontIcon(Feather.DOWNLOAD));
    export.setId("sbomExport");
    for (SbomFormat format : SbomFormat.values()) {
      MenuItem item = new MenuItem(format.displayName() + "...");
      item.setId("export-" + format.name());
      item.setOnAction(event -> chooseExportFile(format));
      export.getItems().add(item);
    }
    export.disableProperty().bind(viewModel.sbomProperty().isNull());

    Button importButton = new Button("Import", new FontIcon(Feather.UPLOAD));
    importButton.setId("sbomImport");
    importButton.setTooltip(new Tooltip(
        "Open a CycloneDX or SPDX document made by another tool and compare it with this image's SBOM"));
    importButton.setOnAction(event -> chooseImportFile());

    Button compare = new Button(null, new FontIcon(Feather.GIT_PULL_REQUEST));
    compare.setId("sbomCompareOffered");
    compare.textProperty().bind(Bindings.createStringBinding(
        () -> viewModel.offeredProperty().get() == null ? "" : "Compare with " + viewModel.offeredProperty().get().name(),
        viewModel.offeredProperty()));
    compare.visibleProperty().bind(viewModel.offeredProperty().isNotNull());
    compare.managedProperty().bind(compare.visibleProperty());
    compare.setMinWidth(Region.USE_PREF_SIZE);
    compare.setOnAction(event -> viewModel.compareWithOffered());

    HBox toolbar = new HBox(8, new HBox(byEcosystem, byLayer, byDependency), filter, compare, importButton, export);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    return toolbar;
  }

  /** Builds the lines that name an imported document and compare it. They are hidden for the image's SBOM. */
  private VBox importBar() {
    Label source = new Label();
    source.setId("sbomImportSource");
    source.textProperty().bind(viewModel.importSourceProperty());
    source.getStyleClass().add(Styles.TEXT_BOLD);
    Label comparison = new Label();
    comparison.setId("sbomComparison");
    comparison.textProperty().bind(viewModel.comparisonProperty());
    comparison.setWrapText(true);
    Button back = new Button("Show the image's SBOM");
    back.setId("sbomShowImage");
    back.getStyleClass().add(Styles.SMALL);
    back.setOnAction(event -> viewModel.showImageSbom());
    back.setMinWidth(Region.USE_PREF_SIZE);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox firstLine = new HBox(10, source, spacer, back);
    firstLine.setAlignment(Pos.CENTER_LEFT);
    VBox bar = new VBox(2, firstLine, comparison);
    bar.visibleProperty().bind(viewModel.importSourceProperty().isNotEmpty());
    bar.managedProperty().bind(bar.visibleProperty());
    return bar;
  }

  private static ToggleButton grouping(ToggleGroup group, String text, String id, SbomGrouping grouping) {
    ToggleButton button = new ToggleButton(text);
    button.setId(id);
    button.setUserData(grouping);
    button.setToggleGroup(group);
    return button;
  }

  private static void selectToggle(ToggleGroup group, SbomGrouping grouping) {
    group.getToggles().stream()
        .filter(toggle -> toggle.getUserData() == grouping)
        .findFirst()
        .ifPresent(group::selectToggle);
  }

  /** Builds the summary line and one chip per ecosystem. */
  private FlowPane counts() {
    Label summary = new Label();
    summary.setId("sbomSummary");
    summary.textProperty().bind(viewModel.summaryProperty());
    summary.getStyleClass().add(Styles.TEXT_BOLD);
    FlowPane pane = new FlowPane(6, 4);
    pane.setId("sbomCounts");
    pane.setAlignment(Pos.CENTER_LEFT);
    Runnable fill = () -> {
      pane.getChildren().setAll(summary);
      for (EcosystemCount count : viewModel.counts()) {
        Label chip = new Label(count.label());
        chip.getStyleClass().add("sbom-count");
        if (count.matching() == 0) {
          chip.getStyleClass().add("sbom-count-empty");
        }
        pane.getChildren().add(chip);
      }
    };
    viewModel.counts().addListener((ListChangeListener<EcosystemCount>) change -> fill.run());
    fill.run();
    return pane;
  }

  /** Builds the collapsed list of files that could not be read. It is hidden when there are none. */
  private TitledPane warnings() {
    ListView<String> list = new ListView<>(viewModel.warnings());
    list.setId("sbomWarnings");
    list.setPrefHeight(110);
    list.setCellFactory(view -> new WrappingCell());
    TitledPane pane = new TitledPane();
    pane.setId("sbomWarningsPane");
    pane.setContent(list);
    pane.setExpanded(false);
    pane.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
    pane.textProperty().bind(Bindings.createStringBinding(() -> {
      int count = viewModel.warnings().size();
      return count == 1 ? "1 file could not be read" : count + " files could not be read";
    }, viewModel.warnings()));
    pane.setTooltip(new Tooltip("Packages from these files are missing from the SBOM"));
    pane.visibleProperty().bind(Bindings.isNotEmpty(viewModel.warnings()));
    pane.managedProperty().bind(pane.visibleProperty());
    pane.setMinHeight(Region.USE_PREF_SIZE);
    return pane;
  }

  /** A list cell that wraps its text to the list's width, because a warning names a long path. */
  private static final class WrappingCell extends ListCell<String> {
    WrappingCell() {
      setWrapText(true);
      // 30 pixels is an estimate of the vertical scroll bar and cell padding, so the text wraps first.
      prefWidthProperty().bind(Bindings.createDoubleBinding(
          () -> getListView() == null ? 0 : getListView().getWidth() - 30, listViewProperty()));
      setMaxWidth(Region.USE_PREF_SIZE);
    }

    @Override
    protected void updateItem(String text, boolean empty) {
      super.updateItem(text, empty);
      setText(empty ? null : text);
    }
  }

  private void chooseImportFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Import a CycloneDX or SPDX document");
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter("SBOM documents (*.json, *.xml)", "*.json", "*.xml"),
        new FileChooser.ExtensionFilter("All files", "*"));
    File chosen = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (chosen != null) {
      viewModel.importSbom(chosen.toPath());
    }
  }

  private void chooseExportFile(SbomFormat format) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the SBOM as " + format.displayName());
    chooser.setInitialFileName(viewModel.suggestedFileName(format));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(format.displayName() + " (*" + format.suffix() + ")", "*" + format.suffix()),
        new FileChooser.ExtensionFilter("All files", "*"));
    File chosen = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (chosen != null) {
      viewModel.export(format, chosen.toPath());
    }
  }

  public Node node() {
    return root;
  }
}
