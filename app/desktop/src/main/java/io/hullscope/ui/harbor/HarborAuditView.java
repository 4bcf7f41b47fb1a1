package io.hullscope.ui.harbor;

import atlantafx.base.theme.Styles;
import io.hullscope.check.Finding;
import io.hullscope.check.Severity;
import java.io.File;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The project audit tab: a button that audits the selected project, the findings grouped by
 * severity, the selected finding's reason, evidence, fix and the place in Harbor to change it, and
 * export to Markdown or JSON.
 */
final class HarborAuditView {

  /** A row of the findings tree: a severity heading or one finding. */
  private record AuditNode(Severity severity, int count, Finding finding) {}

  private final HarborBrowserViewModel browser;
  private final HarborAuditViewModel viewModel;
  private final VBox root;

  HarborAuditView(HarborBrowserViewModel browser) {
    this.browser = browser;
    this.viewModel = browser.audit();

    Button run = new Button("Audit project", new FontIcon(Feather.SHIELD));
    run.setId("harborRunAudit");
    run.getStyleClass().add(Styles.ACCENT);
    run.disableProperty().bind(browser.selectedProjectProperty().isNull());
    run.setOnAction(event -> browser.auditSelectedProject());
    MenuButton export = new MenuButton("Export", new FontIcon(Feather.DOWNLOAD));
    export.setId("harborAuditExport");
    export.disableProperty().bind(viewModel.resultProperty().isNull());
    for (AuditExport.Format format : AuditExport.Format.values()) {
      MenuItem item = new MenuItem(format == AuditExport.Format.MARKDOWN ? "Markdown (.md)" : "JSON (.json)");
      item.setId("harborAuditExport" + format.name());
      item.setOnAction(event -> chooseExportFile(format));
      export.getItems().add(item);
    }
    Label status = new Label();
    status.setId("harborAuditStatus");
    status.textProperty().bind(viewModel.statusProperty());
    status.setWrapText(true);
    HBox.setHgrow(status, Priority.ALWAYS);
    status.setMaxWidth(Double.MAX_VALUE);
    Label saved = new Label();
    saved.setId("harborAuditSaved");
    saved.textProperty().bind(viewModel.exportMessageProperty());
    saved.getStyleClass().add(Styles.TEXT_MUTED);
    HBox toolbar = new HBox(8, run, export, status, saved);
    toolbar.setAlignment(Pos.CENTER_LEFT);

    TreeView<AuditNode> tree = new TreeView<>(new TreeItem<>());
    tree.setAccessibleText("Audit findings by severity");
    tree.setId("harborFindings");
    tree.setShowRoot(false);
    tree.setCellFactory(view -> new FindingCell());
    viewModel.resultProperty().addListener((observable, before, after) -> fill(tree, after));
    tree.getSelectionModel().selectedItemProperty().addListener((observable, before, after) ->
        viewModel.selectedFindingProperty().set(after == null || after.getValue() == null ? null
            : after.getValue().finding()));

    SplitPane split = new SplitPane(tree, details());
    split.setDividerPositions(0.45);
    VBox.setVgrow(split, Priority.ALWAYS);
    root = new VBox(6, toolbar, split);
    root.setPadding(new Insets(6));
  }

  private static void fill(TreeView<AuditNode> tree, ProjectAudit audit) {
    TreeItem<AuditNode> top = new TreeItem<>();
    if (audit != null) {
      for (Map.Entry<Severity, List<Finding>> group : HarborAuditViewModel.groups(audit.findings()).entrySet()) {
        TreeItem<AuditNode> heading = new TreeItem<>(new AuditNode(group.getKey(), group.getValue().size(), null));
        heading.setExpanded(true);
        for (Finding finding : group.getValue()) {
          heading.getChildren().add(new TreeItem<>(new AuditNode(group.getKey(), 0, finding)));
        }
        top.getChildren().add(heading);
      }
    }
    tree.setRoot(top);
  }

  /** Builds the pane that describes the selected finding: title, id, reason, evidence, fix and place. */
  private Node details() {
    Label title = new Label();
    title.setId("harborFindingTitle");
    title.getStyleClass().add(Styles.TITLE_4);
    title.setWrapText(true);

    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(8);
    String[] names = {"Id", "Why", "Evidence", "Fix", "Where in Harbor"};
    Label[] values = new Label[names.length];
    for (int i = 0; i < names.length; i++) {
      Label name = new Label(names[i]);
      name.getStyleClass().add(Styles.TEXT_MUTED);
      name.setMinWidth(Region.USE_PREF_SIZE);
      GridPane.setValignment(name, VPos.TOP);
      values[i] = new Label();
      values[i].setWrapText(true);
      values[i].setId("harborFinding" + names[i].replace(" ", ""));
      GridPane.setHgrow(values[i], Priority.ALWAYS);
      grid.addRow(i, name, values[i]);
    }
    viewModel.selectedFindingProperty().addListener((observable, before, finding) -> {
      boolean none = finding == null;
      title.setText(none ? "" : finding.title());
      values[0].setText(none ? "" : finding.id() + " (" + AuditExport.title(finding.severity()) + ")");
      values[1].setText(none ? "" : finding.rationale());
      values[2].setText(none ? "" : finding.evidence());
      values[3].setText(none ? "" : finding.suggestion());
      values[4].setText(none ? "" : finding.location());
    });

    Label hint = new Label("Select a finding to see why it matters and where to change it.");
    hint.getStyleClass().add("placeholder-text");
    hint.visibleProperty().bind(viewModel.selectedFindingProperty().isNull());
    hint.managedProperty().bind(hint.visibleProperty());
    grid.visibleProperty().bind(viewModel.selectedFindingProperty().isNotNull());

    VBox box = new VBox(10, hint, title, grid);
    box.setPadding(new Insets(8));
    ScrollPane scroll = new ScrollPane(box);
    scroll.setFitToWidth(true);
    return scroll;
  }

  private void chooseExportFile(AuditExport.Format format) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the Harbor audit");
    chooser.setInitialFileName(viewModel.suggestedFileName(format));
    File chosen = chooser.showSaveDialog(root.getScene().getWindow());
    if (chosen != null) {
      viewModel.export(format, chosen.toPath());
    }
  }

  Node node() {
    return root;
  }

  /** Shows a severity heading with its count, or a finding by its title. */
  private static final class FindingCell extends TreeCell<AuditNode> {

    @Override
    protected void updateItem(AuditNode node, boolean empty) {
      super.updateItem(node, empty);
      setStyle("");
      if (empty || node == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      if (node.finding() == null) {
        setText(AuditExport.title(node.severity()) + " (" + node.count() + ")");
        setGraphic(new FontIcon(icon(node.severity())));
        String color = node.severity().compareTo(Severity.HIGH) <= 0 ? "-color-danger-fg"
            : node.severity() == Severity.MEDIUM ? "-color-warning-fg" : "-color-fg-default";
        // Only the text color changes: a bold font would also apply to the icon font, which has no bold face.
        setStyle("-fx-text-fill: " + color + ";");
      } else {
        setText(node.finding().title());
        setGraphic(null);
      }
    }

    private static Feather icon(Severity severity) {
      return switch (severity) {
        case CRITICAL, HIGH -> Feather.ALERT_OCTAGON;
        case MEDIUM -> Feather.ALERT_TRIANGLE;
        case LOW, INFO -> Feather.INFO;
      };
    }
  }
}
