package io.hullscope.ui.harbor;

import atlantafx.base.theme.Styles;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.ui.ErrorViewModel;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The "Add Harbor connection" dialog. Its Connect button checks the credentials with Harbor in the
 * background. The dialog closes only when Harbor accepted them and the connection was saved, and
 * otherwise shows why Harbor rejected them.
 */
public final class HarborConnectionDialog {

  /** Checks and saves a connection, then calls one of the two handlers on the FX thread. */
  @FunctionalInterface
  public interface Connector {
    void connect(String name, HarborConnection connection, Runnable onSaved, Consumer<Throwable> onFailed);
  }

  private final Dialog<ButtonType> dialog = new Dialog<>();
  private final TextField name = field("harborName", "prod");
  private final TextField url = field("harborUrl", "https://harbor.example.com");
  private final TextField user = field("harborUser", "empty for anonymous access");
  private final PasswordField secret = new PasswordField();
  private final TextField caFile = field("harborCaFile", "optional PEM file");
  private final CheckBox insecure = new CheckBox("Allow plain HTTP (insecure)");
  private final Label status = new Label();

  public HarborConnectionDialog(Window owner, Connector connector) {
    dialog.initOwner(owner);
    dialog.setTitle("Add Harbor connection");
    dialog.setHeaderText("Connect to a Harbor instance. The secret goes to the system keyring, or to a file"
        + " only you can read; it is never written to Hullscope's database.");
    user.setTooltip(new Tooltip("A Harbor user, or a robot account named robot$project+name"));
    secret.setId("harborSecret");
    secret.setPromptText("password or robot secret");
    insecure.setId("harborInsecure");
    status.setId("harborConnectStatus");
    status.setWrapText(true);
    status.setMaxWidth(520);
    // A long error wraps onto more lines; the label must keep their height instead of cutting them.
    status.setMinHeight(Region.USE_PREF_SIZE);
    Button browse = new Button("Browse...");
    browse.setOnAction(event -> chooseCaFile());
    HBox caRow = new HBox(6, caFile, browse);
    HBox.setHgrow(caFile, Priority.ALWAYS);

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.addRow(0, fieldLabel("_Name", name), name);
    grid.addRow(1, fieldLabel("_URL", url), url);
    grid.addRow(2, fieldLabel("U_ser or robot account", user), user);
    grid.addRow(3, fieldLabel("_Password or secret", secret), secret);
    grid.addRow(4, fieldLabel("C_A file", caFile), caRow);
    grid.add(insecure, 1, 5);
    grid.add(status, 0, 6, 2, 1);
    GridPane.setHgrow(url, Priority.ALWAYS);
    grid.setPrefWidth(560);
    dialog.getDialogPane().setContent(grid);

    ButtonType connect = new ButtonType("Connect and save", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
    Button connectButton = (Button) dialog.getDialogPane().lookupButton(connect);
    connectButton.setId("harborConnect");
    connectButton.addEventFilter(ActionEvent.ACTION, event -> {
      // The dialog stays open until Harbor has responded.
      event.consume();
      submit(connector, connectButton, connect);
    });
  }

  private void submit(Connector connector, Button connectButton, ButtonType connect) {
    HarborConnection connection;
    try {
      connection = connection();
    } catch (IllegalArgumentException e) {
      showProblem(e.getMessage());
      return;
    }
    String connectionName = name.getText() == null || name.getText().isBlank() ? connection.url().getHost()
        : name.getText().strip();
    connectButton.setDisable(true);
    status.getStyleClass().remove(Styles.DANGER);
    status.setText("Checking the credentials with Harbor...");
    connector.connect(connectionName, connection, () -> {
      dialog.setResult(connect);
      dialog.close();
    }, failure -> {
      connectButton.setDisable(false);
      showProblem(ErrorViewModel.summary(failure));
    });
  }

  /**
   * Returns the connection the fields describe.
   *
   * @throws IllegalArgumentException naming the invalid field
   */
  HarborConnection connection() {
    String address = url.getText() == null ? "" : url.getText().strip();
    if (address.isEmpty()) {
      throw new IllegalArgumentException("Enter Harbor's URL, for example https://harbor.example.com");
    }
    URI uri;
    try {
      uri = new URI(address.contains("://") ? address : "https://" + address);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid Harbor URL '" + address + "': " + e.getReason());
    }
    String userName = user.getText() == null || user.getText().isBlank() ? null : user.getText().strip();
    String password = userName == null ? null : secret.getText() == null ? "" : secret.getText();
    if (userName != null && password.isEmpty()) {
      throw new IllegalArgumentException("Enter the password or robot secret of " + userName);
    }
    Path ca = caFile.getText() == null || caFile.getText().isBlank() ? null : Path.of(caFile.getText().strip());
    return new HarborConnection(uri, userName, password, ca, insecure.isSelected(), null);
  }

  private void showProblem(String message) {
    status.setText(message);
    if (!status.getStyleClass().contains(Styles.DANGER)) {
      status.getStyleClass().add(Styles.DANGER);
    }
    growToFit();
  }

  /** Lets the dialog grow to show every line of a wrapped message. */
  private void growToFit() {
    if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
      dialog.getDialogPane().getScene().getWindow().sizeToScene();
    }
  }

  /** Builds a label whose underlined letter (Alt+letter) moves the focus to {@code target}. */
  private static Label fieldLabel(String text, Node target) {
    Label label = new Label(text);
    label.setMnemonicParsing(true);
    label.setLabelFor(target);
    return label;
  }

  private void chooseCaFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Choose the CA certificates (PEM)");
    File chosen = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
    if (chosen != null) {
      caFile.setText(chosen.getPath());
    }
  }

  /** Shows the dialog without waiting for it to close. */
  public void show() {
    dialog.show();
    Platform.runLater(url::requestFocus);
  }

  private static TextField field(String id, String prompt) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    return field;
  }
}
