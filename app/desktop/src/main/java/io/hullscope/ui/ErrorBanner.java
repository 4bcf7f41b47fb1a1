package io.hullscope.ui;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A banner above the image area with the error message, collapsible details (the cause chain), Copy
 * (message, causes and stack trace, for a bug report) and a close button.
 */
public final class ErrorBanner {

  private final VBox box = new VBox();

  public ErrorBanner(ErrorViewModel error) {
    Label message = new Label();
    message.setId("errorMessage");
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
    message.textProperty().bind(error.messageProperty());
    HBox.setHgrow(message, Priority.ALWAYS);
    message.setMaxWidth(Double.MAX_VALUE);

    Button close = new Button(null, new FontIcon(Feather.X));
    close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    close.setOnAction(event -> error.dismiss());
    close.setId("dismissError");
    close.setTooltip(new Tooltip("Close this message"));
    close.setAccessibleText("Close the error message");

    Button copy = new Button("_Copy", new FontIcon(Feather.COPY));
    copy.setId("copyError");
    copy.getStyleClass().add(Styles.SMALL);
    copy.setTooltip(new Tooltip("Copy the message, its causes and the stack trace, for a bug report"));
    copy.setOnAction(event -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(error.copyText());
      Clipboard.getSystemClipboard().setContent(content);
    });

    TextArea detailsText = new TextArea();
    detailsText.setEditable(false);
    detailsText.setPrefRowCount(4);
    detailsText.setWrapText(true);
    detailsText.setMinHeight(90);
    detailsText.textProperty().bind(error.detailsProperty());
    detailsText.setId("errorDetails");
    detailsText.setAccessibleText("Causes of the error");
    TitledPane details = new TitledPane("Details", detailsText);
    details.setId("errorDetailsPane");
    details.setExpanded(false);

    box.getChildren().addAll(new HBox(8, message, copy, close), details);
    box.getStyleClass().add("error-banner");
    box.visibleProperty().bind(error.visibleProperty());
    box.managedProperty().bind(error.visibleProperty());
  }

  public Node node() {
    return box;
  }
}
