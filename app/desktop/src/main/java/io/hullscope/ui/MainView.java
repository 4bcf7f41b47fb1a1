package io.hullscope.ui;

import io.hullscope.image.Platform;
import io.hullscope.ui.harbor.HarborBrowserView;
import io.hullscope.ui.harbor.HarborConnectionDialog;
import io.hullscope.ui.compare.CompareWindow;
import io.hullscope.ui.hardening.HardeningView;
import io.hullscope.ui.help.Abbreviations;
import io.hullscope.ui.help.KeyboardShortcutsDialog;
import io.hullscope.ui.layers.LayersView;
import io.hullscope.ui.overview.OverviewView;
import io.hullscope.ui.registry.RegistryImageDialog;
import io.hullscope.ui.sbom.SbomView;
import io.hullscope.ui.sign.SignaturesView;
import io.hullscope.ui.sign.TrustSettingsDialog;
import io.hullscope.ui.sources.ImageTableView;
import io.hullscope.ui.sources.SourceListView;
import io.hullscope.ui.task.StatusBar;
import io.hullscope.ui.task.TaskListViewModel;
import io.hullscope.ui.theme.ThemeMenu;
import io.hullscope.ui.theme.ThemeViewModel;
import io.hullscope.ui.trainer.TrainerMode;
import io.hullscope.ui.vuln.VulnerabilitiesView;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
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
  private final Menu helpMenu = new Menu("_Help");
  private final CompareWindow compareWindow;
  private final List<SplitPane> splitPanes;
  private Runnable preferencesAction = () -> {};
  private final ThemeViewModel theme;

  public MainView(MainViewModel viewModel, Stage stage) {
    this(viewModel, stage, ThemeViewModel.fixedLight(), new TaskListViewModel());
  }

  /**
   * @param theme the theme choice behind View > Theme
   * @param tasks every running task, for the status bar's task list
   */
  public MainView(MainViewModel viewModel, Stage stage, ThemeViewModel theme, TaskListViewModel tasks) {
    this.viewModel = viewModel;
    this.stage = stage;
    this.theme = theme;
    recentMenu.setId("recentMenu");

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
    root.setBottom(new StatusBar(viewModel.taskStatus(), tasks, viewModel.imageSummaryProperty(),
        viewModel::cancelTask).node());
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
    sbom.setTooltip(new Tooltip(Abbreviations.explain("SBOM")));
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
    addHarbor.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+H"));
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

    viewMenu.getItems().addAll(tabMenuItems());
    MenuItem cancelTask = new MenuItem("_Cancel Task", new FontIcon(Feather.X_CIRCLE));
    cancelTask.setId("cancelTaskMenu");
    cancelTask.setAccelerator(KeyCombination.keyCombination("Shortcut+Period"));
    cancelTask.disableProperty().bind(viewModel.taskStatus().runningProperty().not());
    cancelTask.setOnAction(event -> viewModel.cancelTask());
    viewMenu.getItems().addAll(new SeparatorMenuItem(), cancelTask, new SeparatorMenuItem(), ThemeMenu.create(theme));

    MenuItem trustSettings = new MenuItem("_Trust Settings...", new FontIcon(Feather.KEY));
    trustSettings.setId("trustSettingsMenu");
    trustSettings.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+T"));
    trustSettings.setOnAction(event -> openTrustSettings());
    Menu tools = new Menu("_Tools", null, trustSettings);

    MenuBar bar = new MenuBar(file, edit, viewMenu, imageMenu(), tools);
    MenuItem shortcuts = new MenuItem("_Keyboard Shortcuts", new FontIcon(Feather.HELP_CIRCLE));
    shortcuts.setId("keyboardShortcuts");
    shortcuts.setAccelerator(KeyCombination.keyCombination("F1"));
    shortcuts.setOnAction(event -> new KeyboardShortcutsDialog(stage, bar.getMenus()).show());
    bar.getMenus().add(helpMenu);
    helpMenu.getItems().add(shortcuts);
    return bar;
  }

  /** Adds trainer mode: its View menu items, the samples gallery in the Help menu and the walk-through panel. */
  public void installTrainer(TrainerMode trainer) {
    viewMenu.getItems().addAll(trainer.viewMenuItems());
    helpMenu.getItems().add(0, trainer.galleryMenuItem());
    root.setRight(trainer.panel());
  }

  /** Opens the trust settings; every change verifies the open image's signatures again. */
  public void openTrustSettings() {
    TrustSettingsDialog dialog = new TrustSettingsDialog(stage, viewModel.signatures().trustFolder());
    dialog.setOnChanged(viewModel.signatures()::verifyAgain);
    dialog.show();
  }

  /**
   * Builds the Image menu: actions of the tabs that a keyboard user would otherwise reach only by
   * tabbing through the tab's controls. Each selects its tab and then acts on the tab's control.
   */
  private Menu imageMenu() {
    MenuItem search = new MenuItem("_Search Paths", new FontIcon(Feather.SEARCH));
    search.setId("searchPathsMenu");
    search.setAccelerator(KeyCombination.keyCombination("Shortcut+F"));
    search.setOnAction(event -> {
      viewModel.selectedTabProperty().set(ImageTab.LAYERS);
      Node field = root.lookup("#pathSearch");
      if (field != null) {
        field.requestFocus();
      }
    });
    MenuItem export = new MenuItem("_Export Hardening Report...", new FontIcon(Feather.DOWNLOAD));
    export.setId("exportHardeningMenu");
    export.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
    export.setOnAction(event -> {
      viewModel.selectedTabProperty().set(ImageTab.HARDENING);
      if (root.lookup("#hardeningExport") instanceof ButtonBase button && !button.isDisabled()) {
        button.fire();
      }
    });
    search.disableProperty().bind(viewModel.analysisProperty().isNull());
    export.disableProperty().bind(viewModel.analysisProperty().isNull());
    // Comparing needs no open image: the Compare window has pickers of its own.
    MenuItem compare = new MenuItem("_Compare Images...", new FontIcon(Feather.GIT_PULL_REQUEST));
    compare.setId("compareImagesMenu");
    compare.setAccelerator(KeyCombination.keyCombination("Shortcut+D"));
    compare.setOnAction(event -> viewModel.compare().showWith(viewModel.selectedImageProperty().get()));
    return new Menu("_Image", null, search, export, new SeparatorMenuItem(), compare);
  }

  /** Builds one item per image tab, in tab order, with Shortcut+1, Shortcut+2 and so on. */
  private List<MenuItem> tabMenuItems() {
    List<MenuItem> items = new ArrayList<>();
    for (ImageTab tab : ImageTab.values()) {
      MenuItem item = new MenuItem(tabTitle(tab));
      item.setMnemonicParsing(false);
      item.setId("show" + tab.name());
      if (tab.ordinal() < 9) {
        item.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (tab.ordinal() + 1)));
      }
      item.disableProperty().bind(viewModel.analysisProperty().isNull());
      item.setOnAction(event -> viewModel.selectedTabProperty().set(tab));
      items.add(item);
    }
    return items;
  }

  /** Returns the tab's menu title: "SBOM" stays an acronym, other names get a capital first letter. */
  private static String tabTitle(ImageTab tab) {
    String name = tab.name();
    if (name.length() <= 4) {
      return name;
    }
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
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
