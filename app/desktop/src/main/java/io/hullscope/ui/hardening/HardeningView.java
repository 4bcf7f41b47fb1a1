package io.hullscope.ui.hardening;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.hullscope.check.Severity;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Hardening tab, with two pages. Findings has filter, minimum severity and export on top, the
 * summary line, then the findings tree and the details of the selected finding side by side.
 * Suggestions shows the texts built from the report.
 */
public final class HardeningView {

  private final HardeningViewModel viewModel;
  private final TabPane root;
  /** The folder of the last export, offered again in the next Export dialog. */
  private Path exportFolder = Path.of(System.getProperty("user.home", "."));

  public HardeningView(HardeningViewModel viewModel) {
    this.viewModel = viewModel;

    SplitPane split = new SplitPane(new FindingTreeView(viewModel).node(), new FindingDetailsView(viewModel).node());
    split.setDividerPositions(0.58);
    VBox.setVgrow(split, Priority.ALWAYS);

    Label summary = new Label();
    summary.setId("hardeningSummary");
    summary.textProperty().bind(viewModel.summaryProperty());
    summary.getStyleClass().add(Styles.TEXT_BOLD);

    Label exportMessage = new Label();
    exportMessage.setId("hardeningExportMessage");
    exportMessage.textProperty().bind(viewModel.exportMessageProperty());
    exportMessage.getStyleClass().add(Styles.TEXT_MUTED);
    exportMessage.visibleProperty().bind(viewModel.exportMessageProperty().isNotEmpty());
    exportMessage.managedProperty().bind(exportMessage.visibleProperty());

    VBox findings = new VBox(6, toolbar(), summary, split, exportMessage);
    findings.setPadding(new Insets(6, 0, 0, 0));
    Tab findingsTab = new Tab("Findings", findings);
    findingsTab.setId("hardeningFindingsTab");
    Tab suggestionsTab = new Tab("Suggestions", new SuggestionsView(viewModel.suggestions()).node());
    suggestionsTab.setId("hardeningSuggestionsTab");

    root = new TabPane(findingsTab, suggestionsTab);
    root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    root.setPadding(new Insets(6));
    root.setId("hardeningView");
  }

  private HBox toolbar() {
    CustomTextField filter = new CustomTextField();
    filter.setId("hardeningFilter");
    filter.setPromptText("Filter by title, check, evidence or suggestion");
    filter.textProperty().bindBidirectional(viewModel.filterProperty());
    filter.setLeft(new FontIcon(Feather.FILTER));
    HBox.setHgrow(filter, Priority.ALWAYS);

    ComboBox<Severity> minimum = new ComboBox<>();
    minimum.getItems().setAll(Severity.values());
    minimum.setId("minimumSeverity");
    minimum.setConverter(new StringConverter<>() {
      @Override
      public String toString(Severity severity) {
        if (severity == null) {
          return "";
        }
        if (severity == Severity.INFO) {
          return "All severities";
        }
        String name = Severities.displayName(severity);
        return severity == Severity.CRITICAL ? name : name + " and worse";
      }

      @Override
      public Severity fromString(String text) {
        throw new UnsupportedOperationException("the severity list is not editable");
      }
    });
    minimum.valueProperty().bindBidirectional(viewModel.minimumSeverityProperty());
    Label minimumLabel = new Label("_Show");
    minimumLabel.setMnemonicParsing(true);
    minimumLabel.setLabelFor(minimum);

    Button export = new Button("_Export...", new FontIcon(Feather.DOWNLOAD));
    export.setTooltip(new Tooltip("Save the report as Markdown, HTML, JSON or SARIF; "
        + "while a filter is set you can save only the findings shown"));
    export.setId("hardeningExport");
    export.setOnAction(event -> chooseExport());
    export.disableProperty().bind(viewModel.reportProperty().isNull());

    HBox toolbar = new HBox(8, filter, minimumLabel, minimum, export);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    return toolbar;
  }

  private void chooseExport() {
    ExportDialog dialog = new ExportDialog(root.getScene() == null ? null : root.getScene().getWindow(),
        exportFolder, viewModel::suggestedFileName, viewModel.shownCount(),
        viewModel.reportProperty().get() == null ? 0 : viewModel.reportProperty().get().findings().size());
    dialog.show(choice -> {
      viewModel.export(choice.format(), choice.file(), choice.onlyShown());
      try {
        Path parent = Path.of(choice.file()).toAbsolutePath().getParent();
        if (parent != null) {
          exportFolder = parent;
        }
      } catch (InvalidPathException e) {
        // The view model has shown the error; the next dialog offers the previous folder.
      }
    });
  }

  public Node node() {
    return root;
  }
}
