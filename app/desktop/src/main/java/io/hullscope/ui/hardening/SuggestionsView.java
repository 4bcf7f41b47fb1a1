package io.hullscope.ui.hardening;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Suggestions part of the Hardening tab: one read-only monospace text per {@link Suggestion},
 * each with Copy and Save buttons, and a status line while the texts are built or missing.
 */
final class SuggestionsView {

  private final SuggestionsViewModel viewModel;
  private final VBox root;
  /** The folder of the last save, offered again in the next save dialog. */
  private File saveFolder = new File(System.getProperty("user.home", "."));

  SuggestionsView(SuggestionsViewModel viewModel) {
    this.viewModel = viewModel;

    TabPane pages = new TabPane();
    pages.setId("suggestionPages");
    pages.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    for (Suggestion suggestion : Suggestion.values()) {
      Tab tab = new Tab(suggestion.title(), page(suggestion));
      tab.setId("suggestion-" + suggestion.name().toLowerCase(Locale.ROOT));
      pages.getTabs().add(tab);
    }
    VBox.setVgrow(pages, Priority.ALWAYS);

    Label status = new Label();
    status.setId("suggestionsStatus");
    status.textProperty().bind(viewModel.statusProperty());
    status.getStyleClass().add(Styles.TEXT_MUTED);
    status.visibleProperty().bind(viewModel.statusProperty().isNotEmpty());
    status.managedProperty().bind(status.visibleProperty());

    Label saveMessage = new Label();
    saveMessage.setId("suggestionsSaveMessage");
    saveMessage.textProperty().bind(viewModel.saveMessageProperty());
    saveMessage.getStyleClass().add(Styles.TEXT_MUTED);
    saveMessage.visibleProperty().bind(viewModel.saveMessageProperty().isNotEmpty());
    saveMessage.managedProperty().bind(saveMessage.visibleProperty());

    root = new VBox(6, status, pages, saveMessage);
    root.setPadding(new Insets(6, 0, 0, 0));
    root.setId("suggestionsView");
  }

  private Node page(Suggestion suggestion) {
    TextArea text = new TextArea();
    text.setId("suggestionText-" + suggestion.name().toLowerCase(Locale.ROOT));
    text.setEditable(false);
    text.getStyleClass().add("content-text");
    // The Markdown advice has long prose and table rows, so it wraps. Dockerfile and YAML lines keep their layout.
    text.setWrapText(suggestion == Suggestion.HARBOR);
    text.textProperty().bind(viewModel.textProperty(suggestion));
    text.setAccessibleText(suggestion.name().charAt(0) + suggestion.name().substring(1).toLowerCase(Locale.ROOT)
        + " suggestion");
    // The Markdown advice is shown formatted; Copy and Save still give the Markdown source.
    Node body = suggestion == Suggestion.HARBOR ? new MarkdownView(viewModel.textProperty(suggestion)).node() : text;
    body.setId("suggestionText-" + suggestion.name().toLowerCase(Locale.ROOT));
    VBox.setVgrow(body, Priority.ALWAYS);

    Button copy = new Button("Copy", new FontIcon(Feather.COPY));
    copy.setOnAction(event -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(viewModel.textProperty(suggestion).get());
      Clipboard.getSystemClipboard().setContent(content);
    });
    copy.disableProperty().bind(viewModel.textProperty(suggestion).isEmpty());

    Button save = new Button("Save...", new FontIcon(Feather.DOWNLOAD));
    save.setOnAction(event -> chooseFile(suggestion));
    save.disableProperty().bind(viewModel.textProperty(suggestion).isEmpty());

    Label hint = new Label(hint(suggestion));
    hint.getStyleClass().add(Styles.TEXT_MUTED);
    hint.setWrapText(true);
    hint.setMinHeight(Region.USE_PREF_SIZE);
    HBox.setHgrow(hint, Priority.ALWAYS);
    hint.setMaxWidth(Double.MAX_VALUE);

    // The buttons keep their full width, so a long hint wraps instead of cutting them to an ellipsis.
    copy.setMinWidth(Region.USE_PREF_SIZE);
    save.setMinWidth(Region.USE_PREF_SIZE);
    HBox buttons = new HBox(8, hint, copy, save);
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox page = new VBox(6, buttons, body);
    page.setPadding(new Insets(6, 0, 0, 0));
    return page;
  }

  private static String hint(Suggestion suggestion) {
    return switch (suggestion) {
      case DOCKERFILE -> "Rebuilt from the image history with fixes for the findings, marked by '# Hullscope:'"
          + " comments. Review it before you build.";
      case KYVERNO -> "Kyverno admission policies for this image: allowed registries, non-root pods, a tag"
          + " other than latest and signature verification. Apply with kubectl after review.";
      case HARBOR -> "Harbor project settings to turn on for the project that contains this image.";
    };
  }

  private void chooseFile(Suggestion suggestion) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Save the " + suggestion.noun());
    chooser.setInitialFileName(suggestion.fileName());
    if (saveFolder.isDirectory()) {
      chooser.setInitialDirectory(saveFolder);
    }
    File chosen = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (chosen == null) {
      return;
    }
    if (chosen.getParentFile() != null) {
      saveFolder = chosen.getParentFile();
    }
    viewModel.save(suggestion, Path.of(chosen.getPath()));
  }

  Node node() {
    return root;
  }
}
