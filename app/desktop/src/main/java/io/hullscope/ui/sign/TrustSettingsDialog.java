package io.hullscope.ui.sign;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The trust settings window: what is trusted to sign images, with buttons to add keys, roots,
 * Rekor keys and the Sigstore trusted root from files, a form for keyless identities and a remove
 * button. Errors show inline above the buttons.
 */
public final class TrustSettingsDialog {

  private final Stage stage = new Stage();
  private final TrustSettingsViewModel viewModel;
  private final Path trustFolder;
  /** Picks a file to add: a file chooser in the app, a fixed file in tests. */
  private FilePicker picker = this::chooseFile;

  /** Picks one file for a trust setting. */
  @FunctionalInterface
  interface FilePicker {
    /** Returns the chosen file, or null when the user cancelled. */
    Path pick(String title, List<FileChooser.ExtensionFilter> filters);
  }

  /**
   * Creates the window for the trust settings in {@code trustFolder}, which the desktop and the
   * CLI share.
   */
  public TrustSettingsDialog(Stage owner, Path trustFolder) {
    this(owner, trustFolder, TrustSettingsStore.folder(trustFolder));
  }

  TrustSettingsDialog(Stage owner, Path trustFolder, TrustSettingsStore store) {
    this.trustFolder = trustFolder;
    this.viewModel = new TrustSettingsViewModel(store);
    if (owner != null) {
      stage.initOwner(owner);
      stage.initModality(Modality.WINDOW_MODAL);
    }
    stage.setTitle("Trust Settings");
    VBox root = new VBox(8, intro(), table(), errorLabel(), fileButtons(), identityForm(), closeBar());
    root.setPadding(new Insets(12));
    root.setId("trustSettings");
    stage.setScene(new Scene(root, 900, 560));
    if (owner != null && owner.getScene() != null) {
      stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
    }
  }

  /** Sets what runs after each change, such as verifying the open image again. */
  public void setOnChanged(Runnable listener) {
    viewModel.setOnChanged(listener);
  }

  /** Shows the window without waiting for it to close. */
  public void show() {
    stage.show();
  }

  TrustSettingsViewModel viewModel() {
    return viewModel;
  }

  Stage stage() {
    return stage;
  }

  void setFilePicker(FilePicker newPicker) {
    picker = newPicker;
  }

  private Label intro() {
    Label intro = new Label("A signature is verified only when one of these matches it. The settings are files in "
        + trustFolder + ".");
    intro.setWrapText(true);
    intro.getStyleClass().add(Styles.TEXT_MUTED);
    return intro;
  }

  private TableView<TrustEntry> table() {
    TableView<TrustEntry> table = new TableView<>(viewModel.entries());
    table.setId("trustEntries");
    table.getColumns().add(column("Type", 150, entry -> entry.type().label()));
    table.getColumns().add(column("Name", 160, TrustEntry::name));
    table.getColumns().add(column("Trusts", 430, TrustEntry::summary));
    table.getColumns().add(column("Problem", 150, entry -> entry.problem() == null ? "" : entry.problem()));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("Nothing is trusted yet, so no signature can be verified"));
    table.getSelectionModel().selectedItemProperty().addListener(
        (observable, before, after) -> viewModel.selectedProperty().set(after));
    VBox.setVgrow(table, Priority.ALWAYS);
    return table;
  }

  private Label errorLabel() {
    Label error = new Label();
    error.setId("trustError");
    error.setWrapText(true);
    error.getStyleClass().add(Styles.DANGER);
    error.textProperty().bind(viewModel.errorProperty());
    error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    return error;
  }

  private HBox fileButtons() {
    FileChooser.ExtensionFilter pem = new FileChooser.ExtensionFilter("PEM public keys (*.pem, *.pub)", "*.pem",
        "*.pub");
    FileChooser.ExtensionFilter certificates = new FileChooser.ExtensionFilter("Certificates (*.pem, *.crt, *.cer)",
        "*.pem", "*.crt", "*.cer");
    FileChooser.ExtensionFilter json = new FileChooser.ExtensionFilter("trusted_root.json", "*.json");
    Button key = button("trustAddKey", "Add Key...", Feather.KEY,
        () -> pick("Add a public key", List.of(pem), viewModel::addKey));
    Button root = button("trustAddRoot", "Add Root Certificate...", Feather.AWARD,
        () -> pick("Add a root certificate", List.of(certificates), viewModel::addRoot));
    Button rekor = button("trustAddRekorKey", "Add Rekor Key...", Feather.BOOK,
        () -> pick("Add a Rekor log key", List.of(pem), viewModel::addRekorKey));
    Button trustedRoot = button("trustSetTrustedRoot", "Set Trusted Root...", Feather.GLOBE,
        () -> pick("Choose a Sigstore trusted_root.json", List.of(json), viewModel::setTrustedRoot));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button remove = button("trustRemove", "Remove", Feather.TRASH_2, viewModel::removeSelected);
    remove.disableProperty().bind(viewModel.selectedProperty().isNull());
    HBox bar = new HBox(8, key, root, rekor, trustedRoot, gap, remove);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  private GridPane identityForm() {
    TextField name = field("trustIdentityName", "for example release workflow");
    name.textProperty().bindBidirectional(viewModel.identityNameProperty());
    TextField subject = field("trustIdentitySubject", "email or URI in the certificate");
    subject.textProperty().bindBidirectional(viewModel.identitySubjectProperty());
    CheckBox subjectPattern = new CheckBox("regular expression");
    subjectPattern.setId("trustSubjectPattern");
    subjectPattern.selectedProperty().bindBidirectional(viewModel.subjectPatternProperty());
    TextField issuer = field("trustIdentityIssuer", "for example https://token.actions.githubusercontent.com");
    issuer.textProperty().bindBidirectional(viewModel.identityIssuerProperty());
    CheckBox issuerPattern = new CheckBox("regular expression");
    issuerPattern.setId("trustIssuerPattern");
    issuerPattern.selectedProperty().bindBidirectional(viewModel.issuerPatternProperty());
    Button add = button("trustAddIdentity", "Add Identity", Feather.USER_PLUS, viewModel::addIdentity);

    GridPane form = new GridPane();
    form.setHgap(8);
    form.setVgap(6);
    Label title = new Label("Keyless identity");
    title.getStyleClass().add(Styles.TEXT_BOLD);
    form.add(title, 0, 0, 3, 1);
    form.addRow(1, new Label("Name"), name);
    form.addRow(2, new Label("Subject"), subject, subjectPattern);
    form.addRow(3, new Label("OIDC issuer"), issuer, issuerPattern, add);
    GridPane.setHgrow(subject, Priority.ALWAYS);
    GridPane.setHgrow(issuer, Priority.ALWAYS);
    return form;
  }

  private HBox closeBar() {
    Button close = button("trustClose", "Close", null, stage::close);
    close.setCancelButton(true);
    HBox bar = new HBox(close);
    bar.setAlignment(Pos.CENTER_RIGHT);
    return bar;
  }

  private void pick(String title, List<FileChooser.ExtensionFilter> filters, java.util.function.Consumer<Path> add) {
    Path chosen = picker.pick(title, filters);
    if (chosen != null) {
      add.accept(chosen);
    }
  }

  private Path chooseFile(String title, List<FileChooser.ExtensionFilter> filters) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.getExtensionFilters().addAll(filters);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
    File file = chooser.showOpenDialog(stage);
    return file == null ? null : file.toPath();
  }

  private static Button button(String id, String text, Feather icon, Runnable action) {
    Button button = icon == null ? new Button(text) : new Button(text, new FontIcon(icon));
    button.setId(id);
    button.setOnAction(event -> action.run());
    return button;
  }

  private static TextField field(String id, String prompt) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    return field;
  }

  private static TableColumn<TrustEntry, String> column(String title, double width, Function<TrustEntry, String> value) {
    TableColumn<TrustEntry, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }
}
