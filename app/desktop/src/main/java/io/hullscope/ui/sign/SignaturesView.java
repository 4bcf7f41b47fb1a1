package io.hullscope.ui.sign;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Signatures tab: the verdict for the image and where it was looked up, the table of
 * signatures and attestations, and the details of the selected one.
 */
public final class SignaturesView {

  private final VBox root;

  /**
   * Builds the tab.
   *
   * @param trustSettings opens the trust settings dialog
   */
  public SignaturesView(SignaturesViewModel viewModel, Runnable trustSettings) {
    Label summary = label("signaturesSummary", viewModel.summaryProperty().getValue());
    summary.textProperty().bind(viewModel.summaryProperty());
    summary.getStyleClass().add(Styles.TEXT_BOLD);

    Label where = label("signaturesWhere", "");
    where.textProperty().bind(viewModel.whereProperty());
    where.getStyleClass().add(Styles.TEXT_MUTED);

    Label trustProblem = label("signaturesTrustProblem", "");
    trustProblem.textProperty().bind(viewModel.trustProblemProperty());
    trustProblem.getStyleClass().add(Styles.DANGER);
    showWhenNotEmpty(trustProblem);

    Label note = label("signaturesNote", "");
    note.textProperty().bind(viewModel.noteProperty());
    note.getStyleClass().add(Styles.TEXT_MUTED);
    showWhenNotEmpty(note);

    SplitPane split = new SplitPane(table(viewModel), detailsPane(viewModel));
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.68);
    VBox.setVgrow(split, Priority.ALWAYS);

    root = new VBox(6, toolbar(viewModel, trustSettings), summary, where, trustProblem, note, split);
    root.setPadding(new Insets(8));
    root.setId("signaturesView");
  }

  private static HBox toolbar(SignaturesViewModel viewModel, Runnable trustSettings) {
    Button lookUp = new Button("Look up in registry", new FontIcon(Feather.SEARCH));
    lookUp.setId("signaturesLookUp");
    lookUp.setOnAction(event -> viewModel.lookUp());
    lookUp.visibleProperty().bind(viewModel.canLookUpProperty());
    lookUp.managedProperty().bind(lookUp.visibleProperty());

    Button verifyAgain = new Button("Verify again", new FontIcon(Feather.REFRESH_CW));
    verifyAgain.setId("signaturesVerifyAgain");
    verifyAgain.setOnAction(event -> viewModel.verifyAgain());
    verifyAgain.disableProperty().bind(viewModel.canVerifyAgainProperty().not().or(viewModel.runningProperty()));

    ProgressIndicator progress = new ProgressIndicator();
    progress.setPrefSize(18, 18);
    progress.visibleProperty().bind(viewModel.runningProperty());
    progress.managedProperty().bind(progress.visibleProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("signaturesCancel");
    cancel.setOnAction(event -> viewModel.cancel());
    cancel.visibleProperty().bind(viewModel.runningProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());

    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button trust = new Button("Trust Settings...", new FontIcon(Feather.KEY));
    trust.setId("signaturesTrustSettings");
    trust.setOnAction(event -> trustSettings.run());

    HBox toolbar = new HBox(8, lookUp, verifyAgain, progress, cancel, gap, trust);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    return toolbar;
  }

  private static TableView<SignatureRow> table(SignaturesViewModel viewModel) {
    TableView<SignatureRow> table = new TableView<>(viewModel.rows());
    table.setId("signatures");
    // The minimum widths keep every title whole in a narrow window.
    table.getColumns().add(column("Kind", 140, 130, SignatureRow::kind));
    table.getColumns().add(column("Signer", 240, 100, SignatureRow::signer));
    table.getColumns().add(column("Time", 150, 80, SignatureRow::time));
    table.getColumns().add(column("Verdict", 260, 150, SignatureRow::verdict));
    table.getColumns().add(column("Trust rule", 200, 120, SignatureRow::rule));
    table.getColumns().add(column("Predicate type", 200, 160, SignatureRow::predicateType));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Label placeholder = new Label("No signatures or attestations to show");
    placeholder.getStyleClass().add(Styles.TEXT_MUTED);
    table.setPlaceholder(placeholder);
    table.getSelectionModel().selectedItemProperty().addListener(
        (observable, before, after) -> viewModel.selectedProperty().set(after));
    viewModel.selectedProperty().addListener((observable, before, after) -> {
      if (table.getSelectionModel().getSelectedItem() != after) {
        table.getSelectionModel().select(after);
      }
    });
    return table;
  }

  private static VBox detailsPane(SignaturesViewModel viewModel) {
    TextArea details = new TextArea();
    details.setId("signatureDetails");
    details.setEditable(false);
    details.setWrapText(true);
    details.textProperty().bind(viewModel.detailsProperty());
    VBox.setVgrow(details, Priority.ALWAYS);
    Button openSbom = new Button("Open SBOM", new FontIcon(Feather.PACKAGE));
    openSbom.setId("signaturesOpenSbom");
    openSbom.setOnAction(event -> viewModel.openSelectedSbom());
    openSbom.visibleProperty().bind(viewModel.sbomSelectedProperty());
    openSbom.managedProperty().bind(openSbom.visibleProperty());
    VBox pane = new VBox(6, details, openSbom);
    pane.setPadding(new Insets(0, 0, 0, 6));
    return pane;
  }

  private static TableColumn<SignatureRow, String> column(String title, double width, double minWidth,
      Function<SignatureRow, String> value) {
    TableColumn<SignatureRow, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setMinWidth(minWidth);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }

  private static Label label(String id, String text) {
    Label label = new Label(text);
    label.setId(id);
    label.setWrapText(true);
    return label;
  }

  private static void showWhenNotEmpty(Label label) {
    label.visibleProperty().bind(label.textProperty().isNotEmpty());
    label.managedProperty().bind(label.visibleProperty());
  }

  public Node node() {
    return root;
  }
}
