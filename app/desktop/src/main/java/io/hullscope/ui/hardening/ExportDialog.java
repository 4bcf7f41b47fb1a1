package io.hullscope.ui.hardening;

import io.hullscope.report.ReportFormat;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Export dialog of the Hardening tab: a format and a file. Changing the format changes the
 * file name's suffix when it still has the previous format's suffix.
 */
final class ExportDialog {

  /**
   * The format and the file name the user chose, not yet checked.
   *
   * @param onlyShown true to export only the findings the filter shows
   */
  record Choice(ReportFormat format, String file, boolean onlyShown) {}

  private final Dialog<Choice> dialog = new Dialog<>();
  private final ToggleGroup formats = new ToggleGroup();
  private final TextField file = new TextField();
  private final CheckBox onlyShown = new CheckBox();

  /**
   * @param folder the folder the file is offered in at first
   * @param fileName returns the file name to offer for a format
   * @param shown findings the filter shows
   * @param total findings in the report; when more than {@code shown}, the dialog offers to export only the shown findings
   */
  ExportDialog(Window owner, Path folder, Function<ReportFormat, String> fileName, int shown, int total) {
    dialog.initOwner(owner);
    dialog.setTitle("Export the hardening report");
    dialog.setHeaderText("Choose a format and a file");
    if (owner != null && owner.getScene() != null) {
      // The dialog has a scene of its own, which needs the application's style sheet too.
      dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
    }

    VBox choices = new VBox(6);
    for (ReportFormat format : ReportFormat.values()) {
      String name = ExportFormats.displayName(format) + " (" + ExportFormats.suffix(format) + ")";
      RadioButton button = new RadioButton(name);
      button.setId("exportFormat-" + format.name());
      button.setUserData(format);
      button.setToggleGroup(formats);
      choices.getChildren().add(button);
    }
    formats.selectToggle(formats.getToggles().get(0));
    file.setId("exportFile");
    file.setPrefColumnCount(40);
    file.setText(folder.resolve(fileName.apply(ReportFormat.MARKDOWN)).toString());
    formats.selectedToggleProperty().addListener((observable, before, after) -> {
      if (after == null) {
        formats.selectToggle(before);
      } else if (before != null) {
        replaceSuffix((ReportFormat) before.getUserData(), (ReportFormat) after.getUserData());
      }
    });

    Button browse = new Button("_Browse...");
    browse.setId("exportBrowse");
    browse.setMinWidth(Region.USE_PREF_SIZE);
    browse.setOnAction(event -> browse());
    HBox fileLine = new HBox(8, file, browse);
    HBox.setHgrow(file, Priority.ALWAYS);

    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(10);
    grid.setPadding(new Insets(12));
    Label formatLabel = fieldLabel("F_ormat", (Node) formats.getToggles().get(0));
    GridPane.setValignment(formatLabel, VPos.TOP);
    grid.add(formatLabel, 0, 0);
    grid.add(choices, 1, 0);
    grid.add(fieldLabel("_File", file), 0, 1);
    grid.add(fileLine, 1, 1);
    if (shown < total) {
      onlyShown.setText("_Only the " + shown + (shown == 1 ? " finding" : " findings") + " the filter shows, of "
          + total);
      onlyShown.setMnemonicParsing(true);
      onlyShown.setId("exportOnlyShown");
      onlyShown.setSelected(true);
      grid.add(onlyShown, 1, 2);
    }
    GridPane.setHgrow(fileLine, Priority.ALWAYS);
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
    dialog.setResizable(true);

    ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
    Node saveButton = dialog.getDialogPane().lookupButton(save);
    saveButton.setId("exportSave");
    saveButton.disableProperty().bind(file.textProperty().isEmpty());
    dialog.setResultConverter(button -> button == save ? new Choice(selectedFormat(), file.getText().strip(),
        shown < total && onlyShown.isSelected()) : null);
  }

  /** Builds a label whose underlined letter (Alt+letter) moves the focus to {@code target}. */
  private static Label fieldLabel(String text, Node target) {
    Label label = new Label(text);
    label.setMnemonicParsing(true);
    label.setLabelFor(target);
    label.setMinWidth(Region.USE_PREF_SIZE);
    return label;
  }

  /**
   * Shows the dialog without blocking; {@code onSave} receives the choice when the user presses
   * Save, and nothing happens on Cancel.
   */
  void show(Consumer<Choice> onSave) {
    dialog.setOnHidden(event -> {
      Choice choice = dialog.getResult();
      if (choice != null) {
        onSave.accept(choice);
      }
    });
    dialog.show();
  }

  private ReportFormat selectedFormat() {
    return (ReportFormat) formats.getSelectedToggle().getUserData();
  }

  private void replaceSuffix(ReportFormat before, ReportFormat after) {
    String text = file.getText();
    String old = ExportFormats.suffix(before);
    if (text.endsWith(old)) {
      file.setText(text.substring(0, text.length() - old.length()) + ExportFormats.suffix(after));
    }
  }

  private void browse() {
    ReportFormat format = selectedFormat();
    String name = ExportFormats.displayName(format);
    String suffix = ExportFormats.suffix(format);
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the hardening report as " + name);
    File current = new File(file.getText().strip()).getAbsoluteFile();
    if (current.getParentFile() != null && current.getParentFile().isDirectory()) {
      chooser.setInitialDirectory(current.getParentFile());
    }
    chooser.setInitialFileName(current.getName());
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(name + " (*" + suffix + ")", "*" + suffix),
        new FileChooser.ExtensionFilter("All files", "*"));
    File chosen = chooser.showSaveDialog(dialog.getDialogPane().getScene().getWindow());
    if (chosen != null) {
      file.setText(chosen.getAbsolutePath());
    }
  }
}
