package io.hullscope.ui.prefs;

import atlantafx.base.theme.Styles;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Preferences dialog: a list of pages (Docker, Registries, Vulnerability data, Trust, Limits) and
 * the selected page beside it. Save validates every page and keeps the dialog open on an error.
 */
public final class PreferencesView {

  /** The pages, in the order of the list. */
  public enum Page {
    DOCKER("Docker"), REGISTRIES("Registries"), VULNERABILITIES("Vulnerability data"), TRUST("Trust"),
    LIMITS("Limits");

    private final String title;

    Page(String title) {
      this.title = title;
    }

    @Override
    public String toString() {
      return title;
    }
  }

  private static final double WIDTH = 900;
  private static final double HEIGHT = 600;

  private final PreferencesViewModel viewModel;
  private final Dialog<ButtonType> dialog = new Dialog<>();
  private final Window owner;
  private final ListView<Page> pages = new ListView<>();
  private final StackPane content = new StackPane();

  public PreferencesView(Window owner, PreferencesViewModel viewModel) {
    this.owner = owner;
    this.viewModel = viewModel;
    dialog.initOwner(owner);
    dialog.setTitle("Preferences");
    dialog.setResizable(true);

    pages.getItems().setAll(Page.values());
    pages.setId("preferencePages");
    pages.setPrefWidth(170);
    pages.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> showPage(after));

    Label notice = new Label();
    notice.setId("preferencesNotice");
    notice.textProperty().bind(viewModel.noticeProperty());
    notice.getStyleClass().add(Styles.WARNING);
    notice.setWrapText(true);
    hideWhenEmpty(notice);
    Label problem = new Label();
    problem.setId("preferencesProblem");
    problem.textProperty().bind(viewModel.problemProperty());
    problem.getStyleClass().add(Styles.DANGER);
    problem.setWrapText(true);
    hideWhenEmpty(problem);

    BorderPane layout = new BorderPane();
    layout.setLeft(pages);
    layout.setCenter(content);
    BorderPane.setMargin(content, new Insets(0, 0, 0, 16));
    layout.setTop(notice);
    BorderPane.setMargin(notice, new Insets(0, 0, 10, 0));
    layout.setBottom(problem);
    layout.setPadding(new Insets(8, 4, 0, 4));
    BorderPane.setMargin(problem, new Insets(10, 0, 0, 0));
    dialog.getDialogPane().setContent(layout);
    dialog.getDialogPane().setPrefSize(WIDTH, HEIGHT);

    ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
    Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
    saveButton.setId("preferencesSave");
    saveButton.addEventFilter(ActionEvent.ACTION, event -> {
      if (!viewModel.save()) {
        // Keep the dialog open so the user can correct the field.
        event.consume();
      }
    });
    pages.getSelectionModel().selectFirst();
  }

  /** Shows the dialog without waiting for it to close. */
  public void show() {
    dialog.show();
    // A resizable dialog opens narrower than its content on some window systems, so it is sized here.
    dialog.setWidth(Math.max(dialog.getWidth(), WIDTH));
    dialog.setHeight(Math.max(dialog.getHeight(), HEIGHT));
  }

  /** Sets what the Trust page's "Trust Settings..." button opens; without one the button is disabled. */
  public void setTrustSettingsAction(Runnable action) {
    viewModel.setTrustSettingsAction(action);
    showPage(pages.getSelectionModel().getSelectedItem());
  }

  /** Selects a page, for tests and for opening the dialog on one page. */
  public void select(Page page) {
    pages.getSelectionModel().select(page);
  }

  Dialog<ButtonType> dialog() {
    return dialog;
  }

  private void showPage(Page page) {
    if (page == null) {
      return;
    }
    Node node = switch (page) {
      case DOCKER -> dockerPage();
      case REGISTRIES -> registriesPage();
      case VULNERABILITIES -> vulnerabilitiesPage();
      case TRUST -> trustPage();
      case LIMITS -> limitsPage();
    };
    content.getChildren().setAll(node);
  }

  private Node dockerPage() {
    ComboBox<String> host = new ComboBox<>();
    host.setId("dockerHost");
    host.setEditable(true);
    host.setMaxWidth(Double.MAX_VALUE);
    host.setPromptText("default: DOCKER_HOST or the current context");
    host.getItems().setAll(viewModel.dockerChoices().stream().map(DockerContexts.Choice::host).distinct().toList());
    host.getEditor().textProperty().bindBidirectional(viewModel.dockerHostProperty());
    host.setCellFactory(list -> new ListCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : describeHost(item));
      }
    });
    Button test = new Button("Test Connection");
    test.setId("dockerTest");
    test.setOnAction(event -> viewModel.testDockerConnection());
    Label result = new Label();
    result.setId("dockerTestResult");
    result.setWrapText(true);
    result.textProperty().bind(viewModel.dockerTestResultProperty());

    GridPane grid = grid();
    grid.addRow(0, new Label("Docker host"), host);
    grid.add(hint("Pick a Docker context or type an address such as unix:///run/user/1000/docker.sock or"
        + " tcp://127.0.0.1:2375. Takes effect at the next start."), 1, 1);
    grid.add(test, 1, 2);
    grid.add(result, 1, 3);
    return page("Docker", grid);
  }

  private String describeHost(String host) {
    return viewModel.dockerChoices().stream().filter(choice -> choice.host().equals(host)).findFirst()
        .map(DockerContexts.Choice::toString).orElse(host);
  }

  private Node registriesPage() {
    TableView<SavedRegistryHost> hosts = new TableView<>(viewModel.registryHosts());
    hosts.setId("registryHosts");
    hosts.setPrefHeight(110);
    hosts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    hosts.setPlaceholder(new Label("No saved registry hosts"));
    hosts.getColumns().add(column("Host", host -> host.host(), 200));
    hosts.getColumns().add(column("Plain HTTP", host -> host.insecure() ? "yes" : "no", 110));
    hosts.getColumns().add(column("CA file", host -> host.caFile() == null ? "" : host.caFile().toString(), 220));
    TextField host = new TextField();
    host.setId("registryHostField");
    host.setPromptText("127.0.0.1:5000");
    CheckBox insecure = new CheckBox("Plain HTTP (insecure)");
    insecure.setId("registryHostInsecure");
    TextField caFile = new TextField();
    caFile.setId("registryHostCaFile");
    caFile.setPromptText("optional PEM file");
    Button browse = new Button("Browse...");
    browse.setOnAction(event -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Certificate authorities (PEM)");
      File chosen = chooser.showOpenDialog(owner);
      if (chosen != null) {
        caFile.setText(chosen.getPath());
      }
    });
    Label problem = new Label();
    problem.getStyleClass().add(Styles.DANGER);
    hideWhenEmpty(problem);
    Button add = new Button("Add");
    add.setId("registryHostAdd");
    add.setOnAction(event -> {
      String error = viewModel.addRegistryHost(host.getText(), insecure.isSelected(), caFile.getText());
      problem.setText(error);
      if (error.isEmpty()) {
        host.clear();
        caFile.clear();
        insecure.setSelected(false);
      }
    });
    Button remove = new Button("Remove");
    remove.disableProperty().bind(hosts.getSelectionModel().selectedItemProperty().isNull());
    remove.setOnAction(event -> viewModel.registryHosts().remove(hosts.getSelectionModel().getSelectedItem()));
    HBox caRow = new HBox(6, caFile, browse);
    HBox.setHgrow(caFile, Priority.ALWAYS);
    GridPane addForm = grid();
    addForm.addRow(0, new Label("Host"), new HBox(12, host, insecure));
    addForm.addRow(1, new Label("CA file"), caRow);
    addForm.add(new HBox(6, add, remove), 1, 2);
    ((HBox) host.getParent()).setAlignment(Pos.CENTER_LEFT);

    ListView<String> harbor = new ListView<>(viewModel.harborConnections());
    harbor.setId("harborConnections");
    harbor.setPrefHeight(80);
    harbor.setPlaceholder(new Label("No Harbor connections; add one with File > Add Harbor Connection"));
    Button removeHarbor = new Button("Remove Connection");
    removeHarbor.setId("harborRemove");
    removeHarbor.disableProperty().bind(harbor.getSelectionModel().selectedItemProperty().isNull());
    removeHarbor.setOnAction(event -> viewModel.removeHarborConnection(harbor.getSelectionModel().getSelectedItem()));

    VBox box = new VBox(8, new Label("Registry hosts"), hosts, addForm, problem,
        hint("Used when 'hullscope open docker://...' reads an image from that registry."),
        new Label("Harbor connections"), harbor, removeHarbor,
        hint("Removing a connection deletes it and its saved password at once."));
    return page("Registries", box);
  }

  private Node vulnerabilitiesPage() {
    TextField base = new TextField();
    base.setId("osvBase");
    base.textProperty().bindBidirectional(viewModel.osvBaseProperty());
    Button folder = new Button("Folder...");
    folder.setOnAction(event -> {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Folder with ECOSYSTEM/all.zip");
      File chosen = chooser.showDialog(owner);
      if (chosen != null) {
        base.setText(chosen.getPath());
      }
    });
    HBox baseRow = new HBox(6, base, folder);
    HBox.setHgrow(base, Priority.ALWAYS);
    TextField ecosystems = new TextField();
    ecosystems.setId("osvEcosystems");
    ecosystems.setPromptText("Debian, Alpine, npm, PyPI, Maven");
    ecosystems.textProperty().bindBidirectional(viewModel.ecosystemsProperty());
    ChoiceBox<UpdateSchedule> schedule = new ChoiceBox<>();
    schedule.setId("osvSchedule");
    schedule.getItems().setAll(UpdateSchedule.values());
    schedule.valueProperty().bindBidirectional(viewModel.scheduleProperty());
    schedule.setConverter(new StringConverter<>() {
      @Override
      public String toString(UpdateSchedule value) {
        return value == null ? "" : PreferencesViewModel.describe(value);
      }

      @Override
      public UpdateSchedule fromString(String text) {
        throw new UnsupportedOperationException("the schedule is chosen, not typed");
      }
    });
    TextField days = new TextField();
    days.setId("osvAfterDays");
    days.setPrefColumnCount(5);
    days.textProperty().bindBidirectional(viewModel.updateAfterDaysProperty());
    days.disableProperty().bind(viewModel.scheduleProperty().isEqualTo(UpdateSchedule.NEVER));

    GridPane grid = grid();
    grid.addRow(0, new Label("OSV base"), baseRow);
    grid.add(hint("OSV's bucket, a mirror URL, a file: URL or a folder with ECOSYSTEM/all.zip."), 1, 1);
    grid.addRow(2, new Label("Ecosystems"), ecosystems);
    grid.add(hint("Empty to update the ecosystems already imported."), 1, 3);
    grid.addRow(4, new Label("Update"), schedule);
    grid.addRow(5, new Label("Older than (days)"), days);
    grid.add(hint("The update runs in the background and can be cancelled in the status bar. An ecosystem whose"
        + " update fails keeps its previous data."), 1, 6);
    return page("Vulnerability data", grid);
  }

  private Node trustPage() {
    Button trust = new Button("Trust Settings...");
    trust.setId("trustSettings");
    trust.setDisable(viewModel.trustSettingsAction() == null);
    trust.setOnAction(event -> viewModel.trustSettingsAction().run());
    if (trust.isDisabled()) {
      trust.setTooltip(new Tooltip("Trust settings are not available in this build"));
    }
    VBox box = new VBox(8, hint("Keys, certificates and identities that signatures are verified against. They"
        + " are files in the trust folder of the data folder, which 'hullscope verify' reads too."), trust);
    return page("Trust", box);
  }

  private Node limitsPage() {
    GridPane grid = grid();
    grid.addRow(0, new Label("Max file size (MiB)"), numberField("limitEntrySize", viewModel.maxEntrySizeMibProperty()));
    grid.addRow(1, new Label("Max layer size (MiB)"), numberField("limitLayerSize", viewModel.maxLayerSizeMibProperty()));
    grid.addRow(2, new Label("Max entries per layer"), numberField("limitEntries", viewModel.maxEntriesProperty()));
    grid.addRow(3, new Label("Max metadata size (MiB)"),
        numberField("limitMetadataSize", viewModel.maxMetadataSizeMibProperty()));
    grid.addRow(4, new Label("Background threads"), numberField("limitThreads", viewModel.backgroundThreadsProperty()));
    grid.add(hint(String.format("A layer or file beyond these limits stops the image from opening, with an error."
        + " Layer size counts uncompressed bytes. Ranges: file %s to %s, layer %s to %s, entries %s to %s,"
        + " metadata %s to %s, threads %d to %d. Takes effect at the next start.",
        LimitSettings.format(LimitSettings.MIN_ENTRY_SIZE, true), LimitSettings.format(LimitSettings.MAX_ENTRY_SIZE, true),
        LimitSettings.format(LimitSettings.MIN_LAYER_SIZE, true), LimitSettings.format(LimitSettings.MAX_LAYER_SIZE, true),
        LimitSettings.format(LimitSettings.MIN_ENTRIES, false), LimitSettings.format(LimitSettings.MAX_ENTRIES, false),
        LimitSettings.format(LimitSettings.MIN_METADATA_SIZE, true),
        LimitSettings.format(LimitSettings.MAX_METADATA_SIZE, true), LimitSettings.MIN_THREADS,
        LimitSettings.MAX_THREADS)), 0, 5, 2, 1);
    Label restart = new Label("Saved. Limits, threads and the Docker host apply at the next start.");
    restart.visibleProperty().bind(viewModel.restartNeededProperty());
    grid.add(restart, 0, 6, 2, 1);
    return page("Limits", grid);
  }

  private static TextField numberField(String id, javafx.beans.property.StringProperty property) {
    TextField field = new TextField();
    field.setId(id);
    field.setPrefColumnCount(12);
    field.textProperty().bindBidirectional(property);
    return field;
  }

  private static <T> TableColumn<T, String> column(String title, java.util.function.Function<T, String> value,
      double width) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  private static GridPane grid() {
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    fields.setFillWidth(true);
    grid.getColumnConstraints().setAll(labels, fields);
    return grid;
  }

  private static Node page(String title, Node body) {
    Label heading = new Label(title);
    heading.getStyleClass().add(Styles.TITLE_4);
    VBox box = new VBox(12, heading, body);
    box.setFillWidth(true);
    return box;
  }

  private static Label hint(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.setMaxWidth(560);
    label.setMinHeight(Region.USE_PREF_SIZE);
    label.getStyleClass().add(Styles.TEXT_MUTED);
    return label;
  }

  private static void hideWhenEmpty(Label label) {
    label.visibleProperty().bind(Bindings.isNotEmpty(label.textProperty()));
    label.managedProperty().bind(label.visibleProperty());
  }
}
