package io.hullscope.ui.harbor;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.hullscope.source.harbor.HarborModel.Project;
import io.hullscope.source.harbor.HarborModel.Repository;
import io.hullscope.ui.ErrorBanner;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Harbor browser, shown in place of the image table while a Harbor connection is selected:
 * projects and repositories on the left, and the artifacts and the project audit on the right.
 */
public final class HarborBrowserView {

  private final HarborBrowserViewModel viewModel;
  private final VBox root;

  public HarborBrowserView(HarborBrowserViewModel viewModel) {
    this.viewModel = viewModel;

    Label connection = new Label();
    connection.setId("harborIdentity");
    connection.setGraphic(new FontIcon(Feather.ANCHOR));
    connection.textProperty().bind(viewModel.connectionLineProperty());
    connection.getStyleClass().add(Styles.TEXT_BOLD);
    connection.setPadding(new Insets(4, 8, 0, 8));

    SplitPane lists = new SplitPane(projectList(), repositoryList());
    lists.setOrientation(Orientation.VERTICAL);
    lists.setDividerPositions(0.5);

    Tab artifacts = new Tab("Artifacts", artifactArea());
    artifacts.setGraphic(new FontIcon(Feather.BOX));
    artifacts.setId("harborArtifactsTab");
    Tab audit = new Tab("Project audit", new HarborAuditView(viewModel).node());
    audit.setGraphic(new FontIcon(Feather.SHIELD));
    audit.setId("harborAuditTab");
    TabPane tabs = new TabPane(artifacts, audit);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setId("harborTabs");

    SplitPane split = new SplitPane(lists, tabs);
    split.setDividerPositions(0.21);
    SplitPane.setResizableWithParent(lists, false);
    VBox.setVgrow(split, Priority.ALWAYS);

    root = new VBox(4, new ErrorBanner(viewModel.error()).node(), connection, split);
    root.setId("harborBrowser");
  }

  private Node projectList() {
    ListView<Project> list = new ListView<>(viewModel.projects().items());
    list.setId("harborProjects");
    list.setCellFactory(view -> new TwoLineCell<>(Project::name, project ->
        (project.isPublic() ? "public" : "private") + (project.isProxyCache() ? ", proxy cache" : "") + ", "
            + project.repositoryCount() + (project.repositoryCount() == 1 ? " repository" : " repositories")));
    bindSelection(list, viewModel.selectedProjectProperty());
    list.setPlaceholder(placeholder("No projects to show"));
    return section("PROJECTS", "harborProjectSearch", "Search projects", viewModel.projects(), list, "projects");
  }

  private Node repositoryList() {
    ListView<Repository> list = new ListView<>(viewModel.repositories().items());
    list.setId("harborRepositories");
    list.setCellFactory(view -> new TwoLineCell<>(HarborBrowserView::repositoryName, repository ->
        repository.artifactCount() + (repository.artifactCount() == 1 ? " artifact, " : " artifacts, ")
            + repository.pullCount() + (repository.pullCount() == 1 ? " pull" : " pulls")));
    bindSelection(list, viewModel.selectedRepositoryProperty());
    Label empty = placeholder("");
    empty.textProperty().bind(Bindings.when(viewModel.selectedProjectProperty().isNull())
        .then("Select a project").otherwise(viewModel.repositories().statusProperty()));
    list.setPlaceholder(empty);
    return section("REPOSITORIES", "harborRepositorySearch", "Search repositories", viewModel.repositories(), list,
        "repositories");
  }

  /** Returns the repository name without its project, which the project list already shows. */
  static String repositoryName(Repository repository) {
    String name = repository.name();
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }

  private static <T> void bindSelection(ListView<T> list, javafx.beans.property.ObjectProperty<T> selected) {
    list.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
      if (after != null || list.getItems().isEmpty()) {
        selected.set(after);
      }
    });
    selected.addListener((observable, before, after) -> {
      if (list.getSelectionModel().getSelectedItem() != after) {
        if (after == null) {
          list.getSelectionModel().clearSelection();
        } else {
          list.getSelectionModel().select(after);
        }
      }
    });
  }

  private static Node section(String heading, String searchId, String prompt, PagedList<?> paged, Node content,
      String pagerId) {
    Label title = new Label(heading);
    title.getStyleClass().add("sidebar-heading");
    CustomTextField search = searchField(searchId, prompt, paged.searchProperty(), paged::reload);
    VBox box = new VBox(4, title, search, content, PagerBar.of(paged, pagerId));
    box.setPadding(new Insets(0, 4, 4, 4));
    VBox.setVgrow(content, Priority.ALWAYS);
    return box;
  }

  private static CustomTextField searchField(String id, String prompt, StringProperty text, Runnable search) {
    CustomTextField field = new CustomTextField();
    field.setId(id);
    field.setPromptText(prompt);
    field.setTooltip(new Tooltip(prompt + ": type part of the name and press Enter"));
    field.setLeft(new FontIcon(Feather.SEARCH));
    field.textProperty().bindBidirectional(text);
    field.setOnAction(event -> search.run());
    return field;
  }

  private Node artifactArea() {
    TableView<ArtifactRow> table = new TableView<>(viewModel.artifacts().items());
    table.setAccessibleText("Artifacts of the repository");
    table.setId("harborArtifacts");
    // The minimum widths keep every title, a digest and a time whole; a narrow window scrolls instead.
    table.getColumns().add(column("Tags", 100, 60, ArtifactRow::tags));
    table.getColumns().add(column("Digest", 145, 145, ArtifactRow::shortDigest));
    table.getColumns().add(column("Size", 75, 70, ArtifactRow::size));
    table.getColumns().add(column("Pushed", 145, 140, ArtifactRow::pushed));
    table.getColumns().add(column("Pulled", 145, 140, ArtifactRow::pulled));
    table.getColumns().add(column("Labels", 75, 75, ArtifactRow::labels));
    TableColumn<ArtifactRow, String> scan = column("", 160, 145, ArtifactRow::vulnerabilities);
    Label scanHeader = new Label("Vulnerabilities");
    scanHeader.setTooltip(new Tooltip("Harbor's scan overview: Critical, High, Medium, Low and Unknown counts"));
    scan.setGraphic(scanHeader);
    table.getColumns().add(scan);
    table.getColumns().add(column("Accessories", 120, 120, ArtifactRow::accessories));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Label empty = placeholder("");
    empty.textProperty().bind(Bindings.when(viewModel.selectedRepositoryProperty().isNull())
        .then("Select a repository to list its artifacts").otherwise(viewModel.artifacts().statusProperty()));
    table.setPlaceholder(empty);
    table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
      if (after != null || table.getItems().isEmpty()) {
        viewModel.selectedArtifactProperty().set(after);
      }
    });
    viewModel.selectedArtifactProperty().addListener((observable, before, after) -> {
      if (table.getSelectionModel().getSelectedItem() != after) {
        table.getSelectionModel().select(after);
      }
    });
    table.setRowFactory(view -> {
      TableRow<ArtifactRow> row = new TableRow<>();
      row.setOnMouseClicked(event -> {
        if (event.getClickCount() == 2 && !row.isEmpty()) {
          viewModel.openSelectedArtifact();
        }
      });
      return row;
    });

    CustomTextField search = searchField("harborArtifactSearch", "Search tags", viewModel.artifacts().searchProperty(),
        viewModel.artifacts()::reload);
    HBox.setHgrow(search, Priority.ALWAYS);
    HBox pager = PagerBar.of(viewModel.artifacts(), "artifacts");
    pager.setMinWidth(240);
    HBox top = new HBox(8, search, pager);
    top.setAlignment(Pos.CENTER_LEFT);

    SplitPane split = new SplitPane(table, artifactDetails());
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.5);
    VBox.setVgrow(split, Priority.ALWAYS);
    VBox box = new VBox(6, top, split);
    box.setPadding(new Insets(6));
    return box;
  }

  private Node artifactDetails() {
    var noArtifact = viewModel.selectedArtifactProperty().isNull();
    Button open = new Button("Open", new FontIcon(Feather.EYE));
    open.setId("harborOpenArtifact");
    open.getStyleClass().add(Styles.ACCENT);
    open.setTooltip(new Tooltip("Open the artifact in the image tabs below, read through Harbor's registry"));
    open.disableProperty().bind(noArtifact);
    open.setOnAction(event -> viewModel.openSelectedArtifact());
    Button scan = new Button("Scan in Harbor", new FontIcon(Feather.ACTIVITY));
    scan.setId("harborScan");
    scan.setTooltip(new Tooltip("Ask Harbor's scanner to scan the artifact for vulnerabilities and wait for the result"));
    scan.disableProperty().bind(noArtifact.or(viewModel.jobRunningProperty()));
    scan.setOnAction(event -> viewModel.startHarborJob(false));
    Button sbom = new Button("Generate SBOM in Harbor", new FontIcon(Feather.PACKAGE));
    sbom.setId("harborGenerateSbom");
    sbom.setTooltip(new Tooltip("Ask Harbor to generate the artifact's SBOM (Harbor 2.11 and later) and wait for it"));
    sbom.disableProperty().bind(noArtifact.or(viewModel.jobRunningProperty()));
    sbom.setOnAction(event -> viewModel.startHarborJob(true));
    Label job = new Label();
    job.setId("harborJobStatus");
    job.textProperty().bind(viewModel.jobStatusProperty());
    job.getStyleClass().add(Styles.TEXT_MUTED);
    HBox actions = new HBox(8, open, scan, sbom, job);
    actions.setAlignment(Pos.CENTER_LEFT);

    Label report = new Label();
    report.setId("harborReportStatus");
    report.textProperty().bind(viewModel.reportStatusProperty());

    TableView<VulnerabilityRow> vulnerabilities = new TableView<>(viewModel.vulnerabilities());
    vulnerabilities.setAccessibleText("Vulnerabilities Harbor reports for the artifact");
    vulnerabilities.setId("harborVulnerabilities");
    vulnerabilities.getColumns().add(vulnerabilityColumn("Vulnerability", 160, 125, VulnerabilityRow::id));
    TableColumn<VulnerabilityRow, String> severity = vulnerabilityColumn("Severity", 95, 95, VulnerabilityRow::severity);
    severity.setCellFactory(cells -> new SeverityCell());
    vulnerabilities.getColumns().add(severity);
    vulnerabilities.getColumns().add(vulnerabilityColumn("Package", 180, 100, VulnerabilityRow::packageName));
    vulnerabilities.getColumns().add(vulnerabilityColumn("Installed", 140, 100, VulnerabilityRow::version));
    vulnerabilities.getColumns().add(vulnerabilityColumn("Fixed in", 140, 100, VulnerabilityRow::fixVersion));
    vulnerabilities.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    vulnerabilities.setPlaceholder(placeholder(""));
    VBox.setVgrow(vulnerabilities, Priority.ALWAYS);

    VBox box = new VBox(6, actions, report, vulnerabilities);
    box.setPadding(new Insets(6, 0, 0, 0));
    box.setMinHeight(120);
    return box;
  }

  private static TableColumn<ArtifactRow, String> column(String title, double width, double minWidth,
      Function<ArtifactRow, String> value) {
    TableColumn<ArtifactRow, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setMinWidth(minWidth);
    column.setCellFactory(cells -> new TableCell<>() {
      @Override
      protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        setText(empty ? null : text);
        // A cut-off value shows whole on hover.
        setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
      }
    });
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }

  private static TableColumn<VulnerabilityRow, String> vulnerabilityColumn(String title, double width,
      double minWidth, Function<VulnerabilityRow, String> value) {
    TableColumn<VulnerabilityRow, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setMinWidth(minWidth);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }

  private static Label placeholder(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("placeholder-text");
    return label;
  }

  public Node node() {
    return root;
  }

  /** Shows a severity in red for Critical and High and in amber for Medium. */
  private static final class SeverityCell extends TableCell<VulnerabilityRow, String> {
    @Override
    protected void updateItem(String text, boolean empty) {
      super.updateItem(text, empty);
      setText(empty ? null : text);
      if (!empty && ("Critical".equals(text) || "High".equals(text))) {
        setStyle("-fx-text-fill: -color-danger-fg;");
      } else if (!empty && "Medium".equals(text)) {
        setStyle("-fx-text-fill: -color-warning-fg;");
      } else {
        setStyle("");
      }
    }
  }

  /** A list cell with a bold name and a muted second line. */
  private static final class TwoLineCell<T> extends ListCell<T> {

    private final Function<T, String> first;
    private final Function<T, String> second;
    private final Label name = new Label();
    private final Label detail = new Label();
    private final VBox content = new VBox(1, name, detail);

    TwoLineCell(Function<T, String> first, Function<T, String> second) {
      this.first = first;
      this.second = second;
      setPrefWidth(0);
      name.getStyleClass().add(Styles.TEXT_BOLD);
      detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
      detail.setMinHeight(Region.USE_PREF_SIZE);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
      super.updateItem(item, empty);
      setText(null);
      if (empty || item == null) {
        setGraphic(null);
        return;
      }
      name.setText(first.apply(item));
      detail.setText(second.apply(item));
      setGraphic(content);
    }
  }
}
