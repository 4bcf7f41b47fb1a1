package io.hullscope.ui.compare;

import atlantafx.base.theme.Styles;
import io.hullscope.compare.ComparisonDocument;
import io.hullscope.compare.ComparisonFormat;
import io.hullscope.compare.ComparisonSection;
import io.hullscope.compare.ComparisonSummary;
import io.hullscope.compare.FileChange;
import io.hullscope.compare.ImageComparison;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Compare window's layout: two pickers, summary cards and a tab per section. Every section but
 * Files shows the same rows as the Markdown and HTML exports, because both come from
 * {@link ComparisonDocument}.
 */
public final class CompareView {

  /** Picks the file an export goes to; returns null when the user cancels. */
  @FunctionalInterface
  public interface ExportTarget {
    Path choose(ComparisonFormat format);
  }

  private final CompareViewModel viewModel;
  private final BorderPane root = new BorderPane();
  private final FlowPane cards = new FlowPane(10, 10);
  private final Map<ComparisonSection, VBox> sections = new EnumMap<>(ComparisonSection.class);
  private final Label fileCount = new Label();
  private final ExportTarget exportTarget;

  public CompareView(CompareViewModel viewModel, ExportTarget exportTarget) {
    this.viewModel = viewModel;
    this.exportTarget = exportTarget;
    VBox top = new VBox(8, pickers(), status(), cards);
    top.setPadding(new Insets(10));
    root.setTop(top);
    root.setCenter(sectionTabs());
    root.getStyleClass().add("compare-window");
    viewModel.comparisonProperty().addListener((observable, before, after) -> showComparison(after));
    showComparison(viewModel.comparisonProperty().get());
  }

  public Parent node() {
    return root;
  }

  private Node pickers() {
    ComboBox<CompareChoice> left = picker("compareLeft", viewModel.leftProperty().get());
    left.valueProperty().bindBidirectional(viewModel.leftProperty());
    ComboBox<CompareChoice> right = picker("compareRight", viewModel.rightProperty().get());
    right.valueProperty().bindBidirectional(viewModel.rightProperty());
    Label from = mnemonicLabel("_From", left);
    Label to = mnemonicLabel("_To", right);

    Button swap = new Button(null, new FontIcon(Feather.REPEAT));
    swap.setId("compareSwap");
    swap.setTooltip(new Tooltip("Swap the two images"));
    swap.setAccessibleText("Swap the two images");
    swap.setOnAction(event -> viewModel.swap());

    Button compare = new Button("_Compare", new FontIcon(Feather.GIT_PULL_REQUEST));
    compare.setId("compareRun");
    compare.setDefaultButton(true);
    compare.disableProperty().bind(viewModel.leftProperty().isNull().or(viewModel.rightProperty().isNull())
        .or(viewModel.runningProperty()));
    compare.setOnAction(event -> viewModel.compare());

    Button markdown = exportButton("Export _Markdown...", "compareExportMarkdown", ComparisonFormat.MARKDOWN);
    Button html = exportButton("Export _HTML...", "compareExportHtml", ComparisonFormat.HTML);

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, from, left, swap, to, right, compare, spacer, markdown, html);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  private ComboBox<CompareChoice> picker(String id, CompareChoice initial) {
    ComboBox<CompareChoice> picker = new ComboBox<>(viewModel.choices());
    picker.setId(id);
    picker.setValue(initial);
    picker.setPrefWidth(320);
    picker.setPromptText("Pick an image");
    picker.setConverter(new StringConverter<>() {
      @Override
      public String toString(CompareChoice choice) {
        return choice == null ? "" : choice.label();
      }

      @Override
      public CompareChoice fromString(String text) {
        return null;
      }
    });
    return picker;
  }

  private static Label mnemonicLabel(String text, Node target) {
    Label label = new Label(text);
    label.setMnemonicParsing(true);
    label.setLabelFor(target);
    return label;
  }

  private Button exportButton(String text, String id, ComparisonFormat format) {
    Button button = new Button(text, new FontIcon(Feather.DOWNLOAD));
    button.setMnemonicParsing(true);
    button.setId(id);
    button.disableProperty().bind(viewModel.comparisonProperty().isNull());
    button.setOnAction(event -> {
      Path file = exportTarget.choose(format);
      if (file != null) {
        viewModel.export(file, format, written -> {});
      }
    });
    return button;
  }

  private Node status() {
    Label status = new Label();
    status.setId("compareStatus");
    status.textProperty().bind(viewModel.statusProperty());
    status.getStyleClass().add(Styles.TEXT_MUTED);
    return status;
  }

  private Node sectionTabs() {
    TabPane tabs = new TabPane();
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setId("compareSections");
    for (ComparisonSection section : ComparisonSection.values()) {
      VBox content = new VBox(8);
      content.setPadding(new Insets(10));
      sections.put(section, content);
      Node body = section == ComparisonSection.FILES ? filesSection(content) : content;
      Tab tab = new Tab(section.title(), body);
      tab.setId("compareTab-" + section.optionName());
      tabs.getTabs().add(tab);
    }
    return tabs;
  }

  /** Builds the Files tab: a path filter, a kind choice and the table; its notes go into {@code notes}. */
  private Node filesSection(VBox notes) {
    TextField filter = new TextField();
    filter.setId("compareFileFilter");
    filter.setPromptText("Filter paths");
    filter.setAccessibleText("Filter paths");
    filter.textProperty().bindBidirectional(viewModel.fileFilterProperty());
    HBox.setHgrow(filter, Priority.ALWAYS);
    ChoiceBox<FileChange.Kind> kind = new ChoiceBox<>();
    kind.setId("compareFileKind");
    kind.getItems().add(null);
    kind.getItems().addAll(FileChange.Kind.values());
    kind.setConverter(new StringConverter<>() {
      @Override
      public String toString(FileChange.Kind value) {
        return value == null ? "All changes" : word(value);
      }

      @Override
      public FileChange.Kind fromString(String text) {
        return null;
      }
    });
    kind.valueProperty().bindBidirectional(viewModel.fileKindProperty());
    HBox bar = new HBox(8, filter, kind, fileCount);
    bar.setAlignment(Pos.CENTER_LEFT);
    fileCount.setId("compareFileCount");

    TableView<FileChange> table = new TableView<>(viewModel.fileChanges());
    table.setId("compareFiles");
    table.setPlaceholder(new Label("No file differences match."));
    table.getColumns().add(column("Change", 90, change -> word(change.kind()), true));
    table.getColumns().add(column("Path", 380, change -> "/" + change.path(), false));
    table.getColumns().add(column("Left", 200, change -> ComparisonDocument.stateText(change.before()), false));
    table.getColumns().add(column("Right", 200, change -> ComparisonDocument.stateText(change.after()), false));
    table.getColumns().add(column("Size delta", 110,
        change -> change.sizeDelta() == 0 ? "" : ComparisonSummary.signedBytes(change.sizeDelta()), false));
    table.getColumns().add(column("Details", 260, change -> String.join("; ", change.differences()), false));
    viewModel.fileChanges().addListener(
        (javafx.collections.ListChangeListener<FileChange>) change -> updateFileCount());

    VBox box = new VBox(8, notes, bar, table);
    box.setPadding(new Insets(0, 10, 10, 10));
    notes.setPadding(new Insets(10, 0, 0, 0));
    VBox.setVgrow(table, Priority.ALWAYS);
    return box;
  }

  private void updateFileCount() {
    ImageComparison shown = viewModel.comparisonProperty().get();
    int kept = shown == null ? 0 : shown.files().changes().size();
    fileCount.setText(viewModel.fileChanges().size() + " of " + kept + " listed");
  }

  private void showComparison(ImageComparison comparison) {
    cards.getChildren().clear();
    sections.values().forEach(box -> box.getChildren().clear());
    updateFileCount();
    if (comparison == null) {
      return;
    }
    for (ComparisonSummary.Card card : ComparisonSummary.cards(comparison)) {
      cards.getChildren().add(card(card));
    }
    for (ComparisonSection section : ComparisonSection.values()) {
      fillSection(sections.get(section), section, comparison);
    }
  }

  private static Node card(ComparisonSummary.Card card) {
    Label label = new Label(card.label());
    label.getStyleClass().add("compare-card-label");
    Label value = new Label(card.value());
    value.getStyleClass().add("compare-card-value");
    Label detail = new Label(card.detail());
    detail.getStyleClass().add("compare-card-detail");
    VBox box = new VBox(2, label, value, detail);
    box.getStyleClass().add("compare-card");
    box.setId("compareCard-" + card.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
    return box;
  }

  /** Shows a section's notes and, except for Files, its table, from the same blocks as the exports. */
  private void fillSection(VBox box, ComparisonSection section, ImageComparison comparison) {
    List<ComparisonDocument.Block> blocks = ComparisonDocument.blocks(comparison, EnumSet.of(section));
    boolean inSection = false;
    for (ComparisonDocument.Block block : blocks) {
      if (block instanceof ComparisonDocument.Heading heading) {
        inSection = heading.level() == 2;
      } else if (!inSection) {
        continue;
      } else if (block instanceof ComparisonDocument.Paragraph paragraph) {
        Label text = new Label(paragraph.text());
        text.setWrapText(true);
        text.getStyleClass().add("compare-note");
        box.getChildren().add(text);
      } else if (block instanceof ComparisonDocument.Table table && section != ComparisonSection.FILES) {
        TableView<List<String>> view = table(table);
        view.setId("compareTable-" + section.optionName());
        VBox.setVgrow(view, Priority.ALWAYS);
        box.getChildren().add(view);
      }
    }
  }

  private static TableView<List<String>> table(ComparisonDocument.Table table) {
    TableView<List<String>> view = new TableView<>();
    view.getItems().setAll(table.rows());
    for (int index = 0; index < table.headers().size(); index++) {
      int column = index;
      String header = table.headers().get(column);
      boolean changeWord = header.equals("Change") || header.equals("Status");
      double width = 180;
      if (header.equals("#")) {
        width = 40;
      } else if (changeWord || header.equals("Severity") || header.equals("Type")) {
        width = 90;
      }
      view.getColumns().add(column(header, width, (List<String> row) -> row.get(column), changeWord));
    }
    view.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    return view;
  }

  /** Returns a text column; {@code changeWord} colours the cell by the word (added, removed, ...). */
  private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> text,
      boolean changeWord) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    if (changeWord) {
      column.setCellFactory(ignored -> new TableCell<>() {
        @Override
        protected void updateItem(String item, boolean empty) {
          super.updateItem(item, empty);
          getStyleClass().removeIf(style -> style.startsWith("compare-"));
          setText(empty ? null : item);
          if (!empty && item != null) {
            getStyleClass().add("compare-" + item.replaceAll("[^a-z]", ""));
          }
        }
      });
    }
    return column;
  }

  private static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
