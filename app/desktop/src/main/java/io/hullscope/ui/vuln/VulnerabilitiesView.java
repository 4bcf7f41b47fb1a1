package io.hullscope.ui.vuln;

import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanSummary;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Vulnerabilities tab: the cached-scan line with Rescan and import buttons, then the findings
 * (filters, severity bars, a sortable table and details), the scan history and the scanner
 * comparison as inner tabs.
 */
public final class VulnerabilitiesView {

  private final VulnerabilitiesViewModel viewModel;
  private final BorderPane root = new BorderPane();

  public VulnerabilitiesView(VulnerabilitiesViewModel viewModel) {
    this.viewModel = viewModel;
    Tab findings = new Tab("Findings", findings());
    findings.setId("vulnFindingsTab");
    Tab history = new Tab("History", history());
    history.setId("vulnHistoryTab");
    Tab scanners = new Tab("Compare scanners", scanners());
    scanners.setId("vulnScannersTab");
    TabPane inner = new TabPane(findings, history, scanners);
    inner.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    root.setTop(statusBar());
    root.setCenter(inner);
    root.getStyleClass().add("vulnerabilities-tab");
  }

  /** Builds the line with the shown result's date and data version, with Rescan and the import buttons. */
  private Node statusBar() {
    Label line = new Label();
    line.setId("vulnStatusLine");
    line.setWrapText(true);
    line.textProperty().bind(viewModel.statusLineProperty());
    Label message = new Label();
    message.setId("vulnMessage");
    message.setWrapText(true);
    message.textProperty().bind(viewModel.messageProperty());
    message.getStyleClass().add("text-muted");
    VBox text = new VBox(2, line, message);
    HBox.setHgrow(text, Priority.ALWAYS);

    Button rescan = new Button("Rescan");
    rescan.setId("rescanButton");
    rescan.setDefaultButton(false);
    rescan.disableProperty().bind(viewModel.canRescanProperty().not());
    rescan.setOnAction(event -> viewModel.rescan());
    Button importZip = new Button("Import OSV data...");
    importZip.setId("importOsvButton");
    importZip.disableProperty().bind(viewModel.busyProperty());
    importZip.setOnAction(event -> chooseZip());
    Button importSample = new Button("Import sample data");
    importSample.setId("importSampleButton");
    importSample.disableProperty().bind(viewModel.busyProperty());
    importSample.setOnAction(event -> viewModel.importSampleData());
    var offerSample = viewModel.sampleDataAvailableProperty().and(viewModel.databaseEmptyProperty());
    importSample.visibleProperty().bind(offerSample);
    importSample.managedProperty().bind(offerSample);

    for (Button button : List.of(rescan, importZip, importSample)) {
      // The status line wraps instead, so the buttons keep their whole labels.
      button.setMinWidth(Region.USE_PREF_SIZE);
    }
    HBox bar = new HBox(8, text, importSample, importZip, rescan);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(8));
    return bar;
  }

  private void chooseZip() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Import an OSV export zip");
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter("OSV exports (*.zip)", "*.zip"),
        new FileChooser.ExtensionFilter("All files", "*"));
    File chosen = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (chosen != null) {
      viewModel.importZip(chosen.toPath());
    }
  }

  private Node findings() {
    TableView<VulnerabilityMatch> table = table();
    VBox left = new VBox(8, filterBar(), new SeverityBars(viewModel.counts()).node(), table);
    VBox.setVgrow(table, Priority.ALWAYS);
    left.setPadding(new Insets(8));
    SplitPane split = new SplitPane(left, new VulnerabilityDetailsView(viewModel).node());
    split.setDividerPositions(0.74);
    return split;
  }

  private Node filterBar() {
    ComboBox<VulnSeverity> minimum = new ComboBox<>();
    minimum.getItems().add(null);
    minimum.getItems().addAll(VulnSeverity.CRITICAL, VulnSeverity.HIGH, VulnSeverity.MEDIUM, VulnSeverity.LOW);
    minimum.setConverter(converter(severity -> severity == null ? "Any severity" : VulnSeverities.displayName(severity)
        + " and above"));
    minimum.setButtonCell(cell(minimum.getConverter()));
    minimum.setCellFactory(list -> cell(minimum.getConverter()));
    minimum.valueProperty().bindBidirectional(viewModel.minimumSeverityProperty());
    minimum.setId("minimumSeverity");

    CheckBox fixable = new CheckBox("Fixable only");
    fixable.setId("fixableOnly");
    fixable.selectedProperty().bindBidirectional(viewModel.fixableOnlyProperty());

    ComboBox<Integer> layer = new ComboBox<>(withAll(viewModel.layers()));
    layer.setConverter(converter(position -> position == null ? "All layers" : "Layer " + VulnSeverities.layerText(position)));
    layer.setButtonCell(cell(layer.getConverter()));
    layer.setCellFactory(list -> cell(layer.getConverter()));
    layer.valueProperty().bindBidirectional(viewModel.layerProperty());
    layer.setId("layerFilter");

    ComboBox<String> ecosystem = new ComboBox<>(withAll(viewModel.ecosystems()));
    ecosystem.setConverter(converter(name -> name == null ? "All ecosystems" : name));
    ecosystem.setButtonCell(cell(ecosystem.getConverter()));
    ecosystem.setCellFactory(list -> cell(ecosystem.getConverter()));
    ecosystem.valueProperty().bindBidirectional(viewModel.ecosystemProperty());
    ecosystem.setId("ecosystemFilter");

    TextField search = new TextField();
    search.setPromptText("Search ids, packages, versions");
    search.setId("vulnSearch");
    search.textProperty().bindBidirectional(viewModel.searchProperty());

    Label shown = new Label();
    shown.setId("vulnShownSummary");
    shown.textProperty().bind(viewModel.shownSummaryProperty());

    search.setPrefColumnCount(16);
    for (Region control : List.<Region>of(minimum, fixable, layer, ecosystem, search, shown)) {
      control.setMinWidth(Region.USE_PREF_SIZE);
    }
    // The filters wrap onto a second line when the findings pane is narrow.
    FlowPane bar = new FlowPane(8, 6, minimum, fixable, layer, ecosystem, search, shown);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  /** Returns a list with a null first item, for the "all" choice, that follows {@code values}. */
  private static <T> ObservableList<T> withAll(ObservableList<T> values) {
    ObservableList<T> choices = FXCollections.observableArrayList();
    Runnable copy = () -> {
      List<T> next = new ArrayList<>();
      next.add(null);
      next.addAll(values);
      choices.setAll(next);
    };
    values.addListener((ListChangeListener<T>) change -> copy.run());
    copy.run();
    return choices;
  }

  private static <T> StringConverter<T> converter(Function<T, String> text) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return text.apply(value);
      }

      @Override
      public T fromString(String string) {
        throw new UnsupportedOperationException("the choice is not editable");
      }
    };
  }

  private static <T> ListCell<T> cell(StringConverter<T> converter) {
    return new ListCell<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : converter.toString(item));
      }
    };
  }

  private TableView<VulnerabilityMatch> table() {
    TableView<VulnerabilityMatch> table = new TableView<>();
    table.setId("vulnerabilities");
    SortedList<VulnerabilityMatch> sorted = new SortedList<>(viewModel.shown());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);

    TableColumn<VulnerabilityMatch, VulnSeverity> severity = column("Severity", 105, VulnerabilityMatch::severity);
    severity.setCellFactory(column -> new TableCell<>() {
      @Override
      protected void updateItem(VulnSeverity item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
          setGraphic(null);
          return;
        }
        Label chip = new Label(VulnSeverities.displayName(item));
        chip.getStyleClass().addAll("severity-chip", VulnSeverities.styleClass(item));
        setGraphic(chip);
      }
    });
    TableColumn<VulnerabilityMatch, VulnerabilityMatch> id = column("ID and aliases", 170, match -> match);
    id.setComparator(java.util.Comparator.comparing(VulnerabilityMatch::id));
    id.setCellFactory(column -> new IdCell());
    TableColumn<VulnerabilityMatch, String> pkg = column("Package", 95, VulnerabilityMatch::packageName);
    TableColumn<VulnerabilityMatch, String> installed = column("Installed", 165, VulnerabilityMatch::installedVersion);
    TableColumn<VulnerabilityMatch, String> fixed = column("Fixed in", 165,
        match -> match.fixable() ? match.fixedVersion() : "");
    TableColumn<VulnerabilityMatch, Integer> layer = column("Layer", 60, VulnerabilityMatch::layer);
    layer.setCellFactory(column -> new TableCell<>() {
      @Override
      protected void updateItem(Integer item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : VulnSeverities.layerText(item));
      }
    });
    TableColumn<VulnerabilityMatch, Double> score = column("Score", 60, VulnerabilityMatch::score);
    TableColumn<VulnerabilityMatch, String> scanner = column("Scanner", 110, match -> scannerName());
    table.getColumns().addAll(List.of(severity, id, pkg, installed, fixed, layer, score, scanner));
    // Column widths fit a CVE id and a Debian version; a narrow pane scrolls instead of cutting them.

    Label empty = new Label();
    empty.textProperty().bind(Bindings.when(viewModel.scanProperty().isNull())
        .then("No stored scan for this image.")
        .otherwise("No vulnerability matches the filters."));
    table.setPlaceholder(empty);
    table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) ->
        viewModel.selectedProperty().set(after));
    viewModel.selectedProperty().addListener((observable, before, after) -> {
      if (after == null) {
        table.getSelectionModel().clearSelection();
      } else if (table.getSelectionModel().getSelectedItem() != after) {
        table.getSelectionModel().select(after);
      }
    });
    return table;
  }

  /** Shows the id with the aliases below it in smaller, muted text. */
  private static final class IdCell extends TableCell<VulnerabilityMatch, VulnerabilityMatch> {
    @Override
    protected void updateItem(VulnerabilityMatch item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      Label id = new Label(item.id());
      VBox lines = new VBox(id);
      if (!item.aliases().isEmpty()) {
        String all = String.join(", ", item.aliases());
        Label aliases = new Label(all);
        aliases.getStyleClass().addAll("text-small", "text-muted");
        lines.getChildren().add(aliases);
        setTooltip(new javafx.scene.control.Tooltip(all));
      } else {
        setTooltip(null);
      }
      setGraphic(lines);
    }
  }

  private String scannerName() {
    ScanResult result = viewModel.scanProperty().get();
    return result == null ? "" : result.scanner();
  }

  private static <T> TableColumn<VulnerabilityMatch, T> column(String title, double width,
      Function<VulnerabilityMatch, T> value) {
    TableColumn<VulnerabilityMatch, T> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return column;
  }

  private Node history() {
    ListView<ScanSummary> scans = new ListView<>(viewModel.history());
    scans.setId("scanHistory");
    scans.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    scans.setCellFactory(list -> cell(converter(ScanText::historyLine)));
    scans.setPrefHeight(150);
    scans.setMinHeight(120);
    Button compare = new Button("Compare selected");
    compare.setId("compareHistory");
    compare.disableProperty().bind(Bindings.size(scans.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
    compare.setOnAction(event -> {
      List<ScanSummary> chosen = List.copyOf(scans.getSelectionModel().getSelectedItems());
      viewModel.compareHistory(chosen.get(0), chosen.get(1));
    });
    Label hint = new Label("Select two scans (Ctrl+click) to see what is new, fixed and still open.");
    hint.setWrapText(true);
    HBox actions = new HBox(8, compare, hint);
    actions.setAlignment(Pos.CENTER_LEFT);
    Node comparison = new ComparisonPane(viewModel.historyComparisonProperty(), "historyDiff",
        "No comparison yet.").node();
    VBox box = new VBox(8, scans, actions, comparison);
    VBox.setVgrow(comparison, Priority.ALWAYS);
    box.setPadding(new Insets(8));
    return box;
  }

  private Node scanners() {
    ComboBox<String> first = new ComboBox<>(viewModel.scanners());
    first.setId("firstScanner");
    ComboBox<String> second = new ComboBox<>(viewModel.scanners());
    second.setId("secondScanner");
    // The combo boxes reset their value when their items change, so the defaults are set after that.
    viewModel.scanners().addListener((ListChangeListener<String>) change -> Platform.runLater(() -> {
      List<String> names = viewModel.scanners();
      first.setValue(names.isEmpty() ? null : names.get(0));
      second.setValue(names.size() < 2 ? null : names.get(1));
    }));
    Button compare = new Button("Compare");
    compare.setId("compareScanners");
    compare.disableProperty().bind(first.valueProperty().isNull().or(second.valueProperty().isNull())
        .or(Bindings.equal(first.valueProperty(), second.valueProperty())));
    compare.setOnAction(event -> viewModel.compareScanners(first.getValue(), second.getValue()));
    Label hint = new Label();
    hint.setWrapText(true);
    ObservableValue<String> hintText = Bindings.when(Bindings.size(viewModel.scanners()).greaterThan(1))
        .then("Compares the newest scan of each scanner.")
        .otherwise("Fewer than two scanners have a stored scan of this image, so there is nothing to compare.");
    hint.textProperty().bind(hintText);
    HBox actions = new HBox(8, first, new Label("with"), second, compare, hint);
    actions.setAlignment(Pos.CENTER_LEFT);
    Node comparison = new ComparisonPane(viewModel.scannerComparisonProperty(), "scannerDiff",
        "No comparison yet.").node();
    VBox box = new VBox(8, actions, comparison);
    VBox.setVgrow(comparison, Priority.ALWAYS);
    box.setPadding(new Insets(8));
    return box;
  }

  public Node node() {
    return root;
  }
}
