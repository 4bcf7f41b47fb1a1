package io.hullscope.ui.trainer;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The samples gallery window: a card per sample with its lesson, grade, "Open" and "Walk through". */
final class GalleryWindow {

  private static final int COLUMNS = 2;

  private final GalleryViewModel viewModel;
  private final Stage stage = new Stage();
  private final GridPane cards = new GridPane();

  /**
   * @param stylesheets style sheets of the main window, so the cards look the same
   * @param rootStyle the inline root style that sets the zoomed font size
   */
  GalleryWindow(Window owner, GalleryViewModel viewModel, List<String> stylesheets,
      ObservableValue<String> rootStyle) {
    this.viewModel = viewModel;

    Label heading = new Label("Samples Gallery");
    heading.getStyleClass().add(Styles.TITLE_2);
    Label intro = new Label("Each sample is a small image that opens without Docker or a network. Open one to "
        + "explore it, or walk through its hardening findings one by one.");
    intro.setWrapText(true);
    intro.setMinHeight(Region.USE_PREF_SIZE);
    Label status = new Label();
    status.setId("galleryStatus");
    status.textProperty().bind(viewModel.statusProperty());
    status.getStyleClass().add(Styles.TEXT_MUTED);
    status.setWrapText(true);

    // A grid, not a tile pane: a tile pane sizes its tiles before the lesson text wraps, so cards overlap.
    cards.setHgap(16);
    cards.setVgap(16);
    for (int column = 0; column < COLUMNS; column++) {
      ColumnConstraints constraints = new ColumnConstraints();
      constraints.setPercentWidth(100.0 / COLUMNS);
      cards.getColumnConstraints().add(constraints);
    }
    cards.setId("galleryCards");
    viewModel.cards().addListener((ListChangeListener<SampleCard>) change -> fill());

    Button close = new Button("Close");
    close.setCancelButton(true);
    close.setOnAction(event -> stage.hide());
    HBox bottom = new HBox(close);
    bottom.setAlignment(Pos.CENTER_RIGHT);

    VBox page = new VBox(12, heading, intro, status, cards, bottom);
    page.setPadding(new Insets(20));
    page.getStyleClass().add("gallery-page");
    ScrollPane scroll = new ScrollPane(page);
    scroll.getStyleClass().add("gallery-scroll");
    scroll.setFitToWidth(true);
    scroll.styleProperty().bind(rootStyle);

    Scene scene = new Scene(scroll, 920, 620);
    scene.getStylesheets().addAll(stylesheets);
    stage.setScene(scene);
    stage.setTitle("Hullscope Samples Gallery");
    stage.initOwner(owner);
    fill();
  }

  /** Shows the window, or brings it to the front, and reads the samples folder again. */
  void show() {
    viewModel.load();
    stage.show();
    stage.toFront();
  }

  void hide() {
    stage.hide();
  }

  boolean isShowing() {
    return stage.isShowing();
  }

  private void fill() {
    cards.getChildren().clear();
    List<SampleCard> samples = viewModel.cards();
    for (int i = 0; i < samples.size(); i++) {
      Node card = card(samples.get(i));
      GridPane.setFillHeight(card, true);
      cards.add(card, i % COLUMNS, i / COLUMNS);
    }
  }

  private Node card(SampleCard sample) {
    Label title = new Label(sample.title());
    title.getStyleClass().add(Styles.TITLE_3);
    title.setWrapText(true);
    title.setMinHeight(Region.USE_PREF_SIZE);
    Label file = new Label(sample.fileName());
    file.getStyleClass().add(Styles.TEXT_MUTED);
    VBox box = new VBox(8, title, file);

    if (sample.lesson() != null) {
      Label lesson = new Label(sample.lesson().text());
      lesson.setWrapText(true);
      lesson.setMinHeight(Region.USE_PREF_SIZE);
      lesson.getStyleClass().add("sample-lesson");
      box.getChildren().add(lesson);
    }
    if (sample.lessonProblem() != null) {
      Label problem = new Label("The lesson could not be read: " + sample.lessonProblem());
      problem.setWrapText(true);
      problem.setMinHeight(Region.USE_PREF_SIZE);
      problem.getStyleClass().add(Styles.WARNING);
      box.getChildren().add(problem);
    }

    Label grade = new Label();
    grade.textProperty().bind(sample.gradeTextProperty());
    grade.getStyleClass().add("sample-grade");
    grade.setWrapText(true);

    Button open = new Button("Open", new FontIcon(Feather.FOLDER));
    open.setOnAction(event -> {
      stage.hide();
      viewModel.open(sample);
    });
    open.setAccessibleText("Open " + sample.fileName());
    Button walk = new Button("Walk through", new FontIcon(Feather.PLAY));
    walk.getStyleClass().add(Styles.ACCENT);
    walk.setOnAction(event -> {
      stage.hide();
      viewModel.walkThrough(sample);
    });
    walk.setAccessibleText("Walk through the findings of " + sample.fileName());
    HBox actions = new HBox(8, open, walk);
    actions.setAlignment(Pos.CENTER_LEFT);

    Region grow = new Region();
    VBox.setVgrow(grow, Priority.ALWAYS);
    box.getChildren().addAll(grade, grow, actions);
    box.getStyleClass().add("sample-card");
    box.setId("sample-" + sample.fileName().replaceAll("[^A-Za-z0-9]", "-"));
    box.setPadding(new Insets(16));
    box.setMaxHeight(Double.MAX_VALUE);
    return box;
  }
}
