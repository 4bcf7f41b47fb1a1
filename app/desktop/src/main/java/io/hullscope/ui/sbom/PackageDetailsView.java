package io.hullscope.ui.sbom;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The details pane of the SBOM tab: every field of the selected package, the evidence as a link. */
final class PackageDetailsView {

  private final SbomViewModel viewModel;
  private final Label title = new Label();
  private final GridPane grid = new GridPane();
  private final ScrollPane scroll;

  PackageDetailsView(SbomViewModel viewModel) {
    this.viewModel = viewModel;
    title.getStyleClass().add(Styles.TITLE_4);
    title.setId("packageTitle");
    title.setWrapText(true);
    grid.setId("packageDetails");
    grid.setHgap(16);
    grid.setVgap(4);
    ColumnConstraints valueColumn = new ColumnConstraints();
    valueColumn.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(new ColumnConstraints(), valueColumn);

    VBox box = new VBox(8, title, grid);
    box.setPadding(new Insets(8, 12, 8, 12));
    scroll = new ScrollPane(box);
    scroll.setFitToWidth(true);
    viewModel.detailsProperty().addListener((observable, before, after) -> show(after));
    show(viewModel.detailsProperty().get());
  }

  private void show(PackageDetails details) {
    grid.getChildren().clear();
    if (details == null) {
      title.setText("Select a package to see its details.");
      title.getStyleClass().add(Styles.TEXT_MUTED);
      return;
    }
    title.getStyleClass().remove(Styles.TEXT_MUTED);
    title.setText(details.pkg().pkg().name() + " " + details.pkg().pkg().version());
    int row = 0;
    for (PackageDetails.Row field : details.rows()) {
      Label key = new Label(field.name());
      key.getStyleClass().add("config-label");
      key.setMinWidth(Region.USE_PREF_SIZE);
      grid.add(key, 0, row);
      grid.add(field.link() ? link(details, field) : value(field), 1, row);
      row++;
    }
  }

  private Node link(PackageDetails details, PackageDetails.Row field) {
    Hyperlink link = new Hyperlink(field.value());
    link.setId("evidenceLink");
    link.setWrapText(true);
    link.setTooltip(new Tooltip("Show this file in the Layers tab"));
    link.setOnAction(event -> viewModel.revealEvidence(details.pkg()));
    link.setContextMenu(copyMenu(field.value()));
    // A hyperlink has padding of its own; this lines its text up with the other values.
    link.setPadding(new Insets(2, 0, 2, 0));
    return link;
  }

  private static Node value(PackageDetails.Row field) {
    Label value = new Label(field.value());
    value.setWrapText(true);
    value.setMinHeight(Region.USE_PREF_SIZE);
    value.setMaxWidth(Double.MAX_VALUE);
    value.getStyleClass().add("config-value");
    if (PackageDetails.NONE.equals(field.value())) {
      value.getStyleClass().add(Styles.TEXT_MUTED);
    }
    value.setId("package-" + field.name().toLowerCase(Locale.ROOT).replace(' ', '-'));
    value.setContextMenu(copyMenu(field.value()));
    GridPane.setHgrow(value, Priority.ALWAYS);
    return value;
  }

  /** Offers Copy on a value, because labels cannot be selected with the mouse. */
  private static ContextMenu copyMenu(String text) {
    MenuItem copy = new MenuItem("Copy");
    copy.setOnAction(event -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(text);
      Clipboard.getSystemClipboard().setContent(content);
    });
    return new ContextMenu(copy);
  }

  Node node() {
    return scroll;
  }
}
