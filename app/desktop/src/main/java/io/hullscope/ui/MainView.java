package io.hullscope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.hullscope.image.Platform;
import io.hullscope.ui.harbor.HarborBrowserView;
import io.hullscope.ui.harbor.HarborConnectionDialog;
import io.hullscope.ui.compare.CompareWindow;
import io.hullscope.ui.hardening.HardeningView;
import io.hullscope.ui.layers.LayersView;
import io.hullscope.ui.overview.OverviewView;
import io.hullscope.ui.registry.RegistryImageDialog;
import io.hullscope.ui.sbom.SbomView;
import io.hullscope.ui.sign.SignaturesView;
import io.hullscope.ui.sign.TrustSettingsDialog;
import io.hullscope.ui.sources.ImageTableView;
import io.hullscope.ui.sources.SourceListView;
import io.hullscope.ui.task.StatusBar;
import io.hullscope.ui.trainer.TrainerMode;
import io.hullscope.ui.vuln.VulnerabilitiesView;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window's layout: menu, sidebar, image table, tabs and status bar, bound to the view model. */
public final class MainView {

  private final MainViewModel viewModel;
  private final Stage stage;
  private final BorderPane root = new BorderPane();
  private final Menu recentMenu = new Menu("Open _Recent");
  private final Menu viewMenu = new Menu("_View");
  private final CompareWindow compareWindow;
  private final List<SplitPane> splitPanes;
  private Runnable preferencesAction = () -> {};

  public MainView(MainViewModel viewModel, Stage stage) {
    this.viewModel = viewModel;
    this.stage = stage;

    SourceListView sidebar = new SourceListView(viewModel, this::addHarborConnection);
    ImageTableView imageTable = new ImageTableView(viewModel);
    Node harborBrowser = new HarborBrowserView(viewModel.harbor()).node();
    Node tabs = imageTabs();

    // While a Harbor connection is selected, its browser takes the image table's place and more room.
    StackPane listArea = new StackPane(imageTable.node(), harborBrowser);
    harborBrowser.visibleProperty().bind(viewModel.harborSelectedProperty());
    imageTable.node().visibleProperty().bind(viewModel.harborSelectedProperty().not());
    // A hidden child must not count towards the pane's minimum size, or it would squeeze the tabs.
    harborBrowser.managedProperty().bind(harborBrowser.visibleProperty());
    imageTable.node().managedProperty().bind(imageTable.node().visibleProperty());
    SplitPane imageArea = new SplitPane(listArea, tabs);
    imageArea.setOrientation(Orientation.VERTICAL);
    imageArea.setDividerPositions(0.2);
    viewModel.harborSelectedProperty().addListener((observable, before, after) ->
        imageArea.setDividerPositions(after ? 0.7 : 0.2));

    SplitPane main = new SplitPane(sidebar.node(), imageArea);
    main.setDividerPositions(0.17);
    SplitPane.setResizableWithParent(sidebar.node(), false);
    splitPanes = List.of(main, imageArea);

    root.setTop(menuBar());
    root.setCenter(main);
    root.setBottom(new StatusBar(viewModel.taskStatus(), viewModel.imageSummaryProperty(), viewModel::cancelTask).node());
    root.getStyleClass().add("main-window");
    enableDragAndDrop();
    compareWindow = CompareWindow.attach(viewModel.compare(), stage);
  }

  /** Returns the Compare window, which opens each time the compare view model is shown. */
  public CompareWindow compareWindow() {
    return compareWindow;
  }

  private Node imageTabs() {
    Tab overview = new Tab("Overview", new OverviewView(viewModel.overview()).node());
    overview.setGraphic(new FontIcon(Feather.INFO));
    overview.setId("overviewTab");
    Tab layers = new Tab("Layers", new LayersView(viewModel.layers()).node());
    layers.setGraphic(new FontIcon(Feather.LAYERS));
    layers.setId("layersTab");
    Tab sbom = new Tab("SBOM", new SbomView(viewModel.sbom()).node());
    sbom.setGraphic(new FontIcon(Feather.PACKAGE));
    sbom.setId("sbomTab");
    Tab vulnerabilities = new Tab("Vulnerabilities", new VulnerabilitiesView(viewModel.vulnerabilities()).node());
    vulnerabilities.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
    vulnerabilities.setId("vulnerabilitiesTab");
    Tab hardening = new Tab("Hardening", new HardeningView(viewModel.hardening()).node());
    hardening.setGraphic(new FontIcon(Feather.SHIELD));
    hardening.setId("hardeningTab");
    Tab signatures = new Tab("Signatures", new SignaturesView(viewModel.signatures(), this::openTrustSettings).node());
    signatures.setGraphic(new FontIcon(Feather.FEATHER));
    signatures.setId("signaturesTab");
    // The tabs are in the order of ImageTab, whose ordinals bindSelectedTab uses.
    TabPane tabs = new TabPane(overview, layers, sbom, vulnerabilities, hardening, signatures);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setId("imageTabs");
    bindSelectedTab(tabs);

    Label placeholder = new Label();
    placeholder.textProperty().bind(
        Bindings.when(viewModel.selectedImageProperty().isNotNull().and(viewModel.taskStatus().runningProperty()))
            .then("Opening the image...")
            .otherwise("Select an image to see its config, layers and files."));
    placeholder.getStyleClass().add("placeholder-text");
    StackPane stack = new StackPane(tabs, placeholder);
    // The banner sits above the tabs, so an error does not squeeze the image table.
    VBox holder = new VBox(new ErrorBanner(viewModel.error()).node(), platformBar(), stack);
    VBox.setVgrow(stack, Priority.ALWAYS);
    placeholder.visibleProperty().bind(viewModel.analysisProperty().isNull());
    tabs.visibleProperty().bind(viewModel.analysisProperty().isNotNull());
    return holder;
  }

  /** Keeps the selected tab and the view model's {@link ImageTab} in step, in both directions. */
  private void bindSelectedTab(TabPane tabs) {
    tabs.getSelectionModel().select(viewModel.selectedTabProperty().get().ordinal());
    tabs.getSelectionModel().selectedIndexProperty().addListener((observable, before, after) -> {
      if (after.intValue() >= 0) {
        viewModel.selectedTabProperty().set(ImageTab.values()[after.intValue()]);
      }
    });
    viewModel.selectedTabProperty().addListener((observable, before, after) ->
        tabs.getSelectionModel().select(after.ordinal()));
  }

  /** Builds the platform choice above the tabs, shown only for images with more than one platform. */
  private Node platformBar() {
    ComboBox<Platform> choice = new ComboBox<>(viewModel.platforms());
    choice.valueProperty().bindBidirectional(viewModel.platformProperty());
    choice.setId("platformChoice");
    choice.setTooltip(new Tooltip("This image is a multi-platform index; pick the platform to inspect"));
    Label label = new Label("_Platform");
    label.setMnemonicParsing(true);
    label.setLabelFor(choice);
    HBox bar = new HBox(8, label, choice);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 8, 6, 8));
    BooleanBinding several = Bindings.size(viewModel.platforms()).greaterThan(1);
    bar.visibleProperty().bind(several);
    bar.managedProperty().bind(several);
    return bar;
  }

  /** Builds the Image menu: actions on images rather than on files. */
  private Menu imageMenu() {
    MenuItem compare = new MenuItem("_Compare Images...", new FontIcon(Feather.GIT_PULL_REQUEST));
    compare.setId("compareImagesMenu");
    compare.setAccelerator(KeyCombination.keyCombination("Shortcut+D"));
    compare.setOnAction(event -> viewModel.compare().showWith(viewModel.selectedImageProperty().get()));
    return new Menu("_Image", null, compare);
  }

  private MenuBar menuBar() {
    MenuItem openArchive = new MenuItem("_Open Archive...", new FontIcon(Feather.FILE));
    openArchive.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
    openArchive.setOnAction(event -> chooseArchive());
    MenuItem openFolder = new MenuItem("Open OCI Layout _Folder...", new FontIcon(Feather.FOLDER));
    openFolder.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+O"));
    openFolder.setOnAction(event -> chooseFolder());
    MenuItem openRegistry = new MenuItem("Open Re_gistry Image...", new FontIcon(Feather.CLOUD));
    openRegistry.setId("openRegistryImage");
    openRegistry.setAccelerator(KeyCombination.keyCombination("Shortcut+G"));
    openRegistry.setOnAction(event -> new RegistryImageDialog(stage, viewModel::openRegistryImage).show());
    MenuItem addHarbor = new MenuItem("Add _Harbor Connection...", new FontIcon(Feather.ANCHOR));
    addHarbor.setId("addHarborConnection");
    addHarbor.setOnAction(event -> addHarborConnection());
    MenuItem refresh = new MenuItem("_Refresh", new FontIcon(Feather.REFRESH_CW));
    refresh.setAccelerator(KeyCombination.keyCombination("F5"));
    refresh.setOnAction(event -> viewModel.refresh());
    MenuItem quit = new MenuItem("_Quit");
    quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
    quit.setOnAction(event -> stage.close());

    updateRecentMenu();
    viewModel.recentFiles().addListener((ListChangeListener<Path>) change -> updateRecentMenu());

    Menu file = new Menu("_File", null, openArchive, openFolder, recentMenu, new SeparatorMenuItem(), openRegistry,
        addHarbor, new SeparatorMenuItem(), refresh,
        new SeparatorMenuItem(), quit);

    MenuItem preferences = new MenuItem("_Preferences...", new FontIcon(Feather.SETTINGS));
    preferences.setId("preferences");
    preferences.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
    preferences.setOnAction(event -> preferencesAction.run());
    Menu edit = new Menu("_Edit", null, preferences);

    CheckMenuItem dark = new CheckMenuItem("_Dark Theme");
    dark.selectedProperty().addListener((observable, before, after) -> Application.setUserAgentStylesheet(
        after ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet()));
    viewMenu.getItems().add(dark);
    MenuItem trustSettings = new MenuItem("_Trust Settings...", new FontIcon(Feather.KEY));
    trustSettings.setId("trustSettingsMenu");
    trustSettings.setOnAction(event -> openTrustSettings());
    Menu tools = new Menu("_Tools", null, trustSettings);
    return new MenuBar(file, edit, viewMenu, imageMenu(), tools);
  }

  /** Adds trainer mode: its View menu items, a Help menu with the samples gallery and the walk-through panel. */
  public void installTrainer(TrainerMode trainer) {
    viewMenu.getItems().addAll(trainer.viewMenuItems());
    ((MenuBar) root.getTop()).getMenus().add(new Menu("_Help", null, trainer.galleryMenuItem()));
    root.setRight(trainer.panel());
  }

  /** Opens the trust settings; every change verifies the open image's signatures again. */
  public void openTrustSettings() {
    TrustSettingsDialog dialog = new TrustSettingsDialog(stage, viewModel.signatures().trustFolder());
    dialog.setOnChanged(viewModel.signatures()::verifyAgain);
    dialog.show();
  }

  private void addHarborConnection() {
    new HarborConnectionDialog(stage, viewModel::addHarborConnection).show();
  }

  private void updateRecentMenu() {
    List<MenuItem> items = viewModel.recentFiles().stream().map(path -> {
      MenuItem item = new MenuItem(path.toString());
      item.setMnemonicParsing(false);
      item.setOnAction(event -> viewModel.openPath(path));
      return item;
    }).toList();
    recentMenu.getItems().setAll(items);
    recentMenu.setDisable(items.isEmpty());
  }

  private void chooseArchive() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open a docker save archive");
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter("Image archives (*.tar)", "*.tar"),
        new FileChooser.ExtensionFilter("All files", "*"));
    File chosen = chooser.showOpenDialog(stage);
    if (chosen != null) {
      viewModel.openPath(chosen.toPath());
    }
  }

  private void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Open an OCI image layout folder");
    File chosen = chooser.showDialog(stage);
    if (chosen != null) {
      viewModel.openPath(chosen.toPath());
    }
  }

  private void enableDragAndDrop() {
    root.setOnDragOver(event -> {
      if (event.getDragboard().hasFiles()) {
        event.acceptTransferModes(TransferMode.COPY);
      }
      event.consume();
    });
    root.setOnDragDropped(event -> {
      boolean accepted = event.getDragboard().hasFiles();
      if (accepted) {
        event.getDragboard().getFiles().forEach(file -> viewModel.openPath(file.toPath()));
      }
      event.setDropCompleted(accepted);
      event.consume();
    });
  }

  /** Sets what Edit > Preferences opens. */
  public void setPreferencesAction(Runnable action) {
    preferencesAction = action;
  }

  /** Returns the window's split panes, outer first, for saving and restoring their dividers. */
  public List<SplitPane> splitPanes() {
    return splitPanes;
  }

  public Parent root() {
    return root;
  }
}
