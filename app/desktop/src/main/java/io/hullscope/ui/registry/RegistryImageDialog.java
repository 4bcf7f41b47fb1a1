package io.hullscope.ui.registry;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The "Open registry image" dialog: an image reference of any OCI registry, optional credentials
 * (otherwise those of {@code ~/.docker/config.json}), a CA file and the insecure switch.
 */
public final class RegistryImageDialog {

  private final Dialog<ButtonType> dialog = new Dialog<>();
  private final TextField reference = field("registryReference", "127.0.0.1:5000/app:1.0");
  private final TextField user = field("registryUser", "empty to use ~/.docker/config.json");
  private final PasswordField password = new PasswordField();
  private final TextField caFile = field("registryCaFile", "optional PEM file");
  private final CheckBox insecure = new CheckBox("Plain HTTP (insecure)");
  private final Label problem = new Label();

  /** @param opener receives the request when the fields are valid; the dialog then closes */
  public RegistryImageDialog(Window owner, Consumer<RegistryImageRequest> opener) {
    dialog.initOwner(owner);
    dialog.setTitle("Open registry image");
    dialog.setHeaderText("Open an image stored in an OCI registry without pulling it into Docker.");
    password.setId("registryPassword");
    insecure.setId("registryInsecure");
    problem.setId("registryProblem");
    problem.getStyleClass().add(Styles.DANGER);
    problem.setWrapText(true);
    problem.setMaxWidth(520);
    Button browse = new Button("Browse...");
    browse.setOnAction(event -> chooseCaFile());
    HBox caRow = new HBox(6, caFile, browse);
    HBox.setHgrow(caFile, Priority.ALWAYS);

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.addRow(0, new Label("Image reference"), reference);
    grid.addRow(1, new Label("User"), user);
    grid.addRow(2, new Label("Password"), password);
    grid.addRow(3, new Label("CA file"), caRow);
    grid.add(insecure, 1, 4);
    grid.add(problem, 0, 5, 2, 1);
    GridPane.setHgrow(reference, Priority.ALWAYS);
    grid.setPrefWidth(560);
    dialog.getDialogPane().setContent(grid);

    ButtonType open = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(open, ButtonType.CANCEL);
    Button openButton = (Button) dialog.getDialogPane().lookupButton(open);
    openButton.setId("registryOpen");
    openButton.addEventFilter(ActionEvent.ACTION, event -> {
      try {
        opener.accept(RegistryImageRequest.of(reference.getText(), insecure.isSelected(), caFile.getText(),
            user.getText(), password.getText()));
      } catch (IllegalArgumentException e) {
        // Keep the dialog open so the user can correct the field.
        event.consume();
        problem.setText(e.getMessage());
      }
    });
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
    Platform.runLater(reference::requestFocus);
  }

  private static TextField field(String id, String prompt) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    return field;
  }
}
