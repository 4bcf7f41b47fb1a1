package io.hullscope.ui.content;

import atlantafx.base.theme.Styles;
import java.io.ByteArrayInputStream;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The file content pane: path, size note, and the text, hex dump or image of the selected file. */
public final class FileContentView {

  private final VBox box;

  public FileContentView(FileContentViewModel viewModel) {
    Label header = new Label();
    header.setId("contentPath");
    header.getStyleClass().add("content-header");
    header.textProperty().bind(viewModel.headerProperty());
    Label note = new Label();
    note.setId("contentNote");
    note.setWrapText(true);
    note.setMaxWidth(Double.MAX_VALUE);
    note.setMinHeight(Region.USE_PREF_SIZE);
    note.getStyleClass().add("content-note");
    note.textProperty().bind(viewModel.noteProperty());

    TextArea text = new TextArea();
    text.setId("contentText");
    text.setEditable(false);
    text.getStyleClass().add("content-text");
    text.textProperty().bind(viewModel.textProperty());

    ImageView image = new ImageView();
    image.setPreserveRatio(true);
    ScrollPane imageScroll = new ScrollPane(image);
    viewModel.imageBytesProperty().addListener((observable, before, after) ->
        image.setImage(after == null ? null : new Image(new ByteArrayInputStream(after))));

    ProgressIndicator loading = new ProgressIndicator();
    loading.setMaxSize(48, 48);

    Label empty = new Label("Select a file to see its content");
    empty.getStyleClass().add("placeholder-text");

    text.visibleProperty().bind(viewModel.kindProperty().isEqualTo(ContentKind.TEXT)
        .or(viewModel.kindProperty().isEqualTo(ContentKind.HEX)));
    imageScroll.visibleProperty().bind(viewModel.kindProperty().isEqualTo(ContentKind.IMAGE));
    loading.visibleProperty().bind(viewModel.kindProperty().isEqualTo(ContentKind.LOADING));
    empty.visibleProperty().bind(viewModel.headerProperty().isEmpty());

    StackPane body = new StackPane(empty, text, imageScroll, loading);
    VBox.setVgrow(body, Priority.ALWAYS);
    ToggleButton reveal = new ToggleButton();
    reveal.setId("revealFileSecrets");
    reveal.getStyleClass().add(Styles.SMALL);
    reveal.selectedProperty().bindBidirectional(viewModel.revealSecretsProperty());
    reveal.textProperty().bind(Bindings.when(viewModel.revealSecretsProperty())
        .then("Hide secrets").otherwise("Reveal secrets"));
    reveal.accessibleTextProperty().bind(reveal.textProperty());
    reveal.setTooltip(new Tooltip("Values in credential files, passwords in URLs and private keys are masked"));
    reveal.visibleProperty().bind(viewModel.maskableProperty());
    reveal.managedProperty().bind(reveal.visibleProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox headerLine = new HBox(8, header, spacer, reveal);
    headerLine.setAlignment(Pos.CENTER_LEFT);
    text.setAccessibleText("File content");

    box = new VBox(4, headerLine, note, body);
    box.setPadding(new Insets(6));
    box.getStyleClass().add("content-pane");
  }

  public Node node() {
    return box;
  }
}
