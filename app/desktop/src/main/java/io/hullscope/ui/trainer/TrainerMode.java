package io.hullscope.ui.trainer;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.ui.ImageTab;
import io.hullscope.ui.MainViewModel;
import io.hullscope.ui.hardening.EvidenceLink;
import io.hullscope.ui.sources.FileSourceEntry;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Puts trainer mode into the main window: the samples gallery, the walk-through panel, the font
 * zoom menu items and their keys. The walk-through opens samples and shows evidence through the
 * main view model, as a user would with the menus and tabs.
 */
public final class TrainerMode {

  /** Style sheet of the gallery cards and the walk-through panel, in the ui-resources module. */
  static final String STYLESHEET = "/io/hullscope/ui/trainer/trainer.css";

  private final Stage stage;
  private final MainViewModel main;
  private final TrainerSettings settings;
  private final FontScale fontScale;
  private final TrainerViewModel viewModel;
  private final WalkthroughPanel panel;
  private GalleryWindow gallery;
  /** An archive opened for trainer mode whose image is selected once its listing arrives. */
  private Path awaitedArchive;

  public TrainerMode(Stage stage, MainViewModel main, TaskExecutor executor, Path samplesFolder, SampleGrader grader,
      TrainerSettings settings) {
    this.stage = stage;
    this.main = main;
    this.settings = settings;
    this.fontScale = new FontScale(settings);
    GalleryViewModel galleryViewModel = new GalleryViewModel(executor, samplesFolder, new Lessons(), grader);
    this.viewModel = new TrainerViewModel(galleryViewModel, main.hardening().reportProperty(), this::openArchive,
        new EvidenceRevealer() {
          @Override
          public void reveal(Evidence evidence) {
            revealEvidence(evidence);
          }

          @Override
          public void showFinding(Finding finding) {
            main.selectedTabProperty().set(ImageTab.HARDENING);
            main.hardening().selectedFindingProperty().set(finding);
          }
        });
    viewModel.setCompareAction(main::compareFiles);
    this.panel = new WalkthroughPanel(viewModel);
    main.images().addListener((ListChangeListener<ImageRow>) change -> selectAwaitedImage());
  }

  /**
   * Opens an archive as File > Open does and then selects its first image, so a sample opens with
   * one click.
   */
  private void openArchive(Path archive) {
    awaitedArchive = archive.toAbsolutePath().normalize();
    main.openPath(archive);
    selectAwaitedImage();
  }

  private void selectAwaitedImage() {
    if (awaitedArchive == null || main.images().isEmpty()) {
      return;
    }
    if (main.selectedSourceProperty().get() instanceof FileSourceEntry file && file.path().equals(awaitedArchive)) {
      awaitedArchive = null;
      main.selectedImageProperty().set(main.images().get(0));
    }
  }

  /** Shows evidence the way the Hardening tab's links do; config rows are highlighted on the Overview. */
  private void revealEvidence(Evidence evidence) {
    if (evidence.kind() == Evidence.Kind.CONFIG) {
      main.selectedTabProperty().set(ImageTab.OVERVIEW);
      main.overview().revealConfig(evidence.field(), evidence.text());
    } else {
      main.hardening().reveal(EvidenceLink.of(evidence));
    }
  }

  /**
   * Applies the font zoom and the trainer style sheet to the main window's scene and adds the
   * walk-through keys: Right or N for the next step, Left or P for the previous one.
   */
  public void attach(Scene scene) {
    scene.getStylesheets().add(stylesheet());
    scene.getRoot().styleProperty().bind(fontScale.rootStyle());
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this::stepKey);
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this::zoomKey);
  }

  /**
   * Takes the step keys before the focused control does, so Right steps on even when the image
   * table or a tab header has the focus. Text fields keep every key, and the file trees keep Left
   * and Right, which fold and unfold folders there.
   */
  private void stepKey(KeyEvent event) {
    if (!viewModel.activeProperty().get() || event.isShortcutDown() || event.isAltDown()
        || event.getTarget() instanceof TextInputControl) {
      return;
    }
    boolean tree = event.getTarget() instanceof TreeView<?> || event.getTarget() instanceof TreeTableView<?>;
    KeyCode code = event.getCode();
    if (code == KeyCode.N || code == KeyCode.RIGHT && !tree) {
      viewModel.next();
      event.consume();
    } else if (code == KeyCode.P || code == KeyCode.LEFT && !tree) {
      viewModel.previous();
      event.consume();
    }
  }

  /**
   * Accepts the zoom keys that the menu accelerators miss: Shortcut+= (the unshifted plus key) and
   * the keypad's plus and minus.
   */
  private void zoomKey(KeyEvent event) {
    if (!event.isShortcutDown()) {
      return;
    }
    if (event.getCode() == KeyCode.EQUALS || event.getCode() == KeyCode.ADD) {
      fontScale.zoomIn();
      event.consume();
    } else if (event.getCode() == KeyCode.SUBTRACT) {
      fontScale.zoomOut();
      event.consume();
    }
  }

  /** Returns the items for the View menu: Large Fonts, Zoom In, Zoom Out and Actual Size. */
  public List<MenuItem> viewMenuItems() {
    CheckMenuItem large = new CheckMenuItem("_Large Fonts");
    large.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+L"));
    large.setId("largeFonts");
    large.setSelected(fontScale.largeProperty().get());
    fontScale.largeProperty().addListener((observable, before, after) -> large.setSelected(after));
    large.selectedProperty().addListener((observable, before, after) -> fontScale.setLarge(after));
    MenuItem zoomIn = new MenuItem("Zoom _In", new FontIcon(Feather.ZOOM_IN));
    zoomIn.setAccelerator(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN));
    zoomIn.setOnAction(event -> fontScale.zoomIn());
    MenuItem zoomOut = new MenuItem("Zoom _Out", new FontIcon(Feather.ZOOM_OUT));
    zoomOut.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
    zoomOut.setOnAction(event -> fontScale.zoomOut());
    MenuItem actual = new MenuItem("_Actual Size");
    actual.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
    actual.setOnAction(event -> fontScale.reset());
    return List.of(new SeparatorMenuItem(), large, zoomIn, zoomOut, actual);
  }

  /** Returns the Help menu item that opens the samples gallery. */
  public MenuItem galleryMenuItem() {
    MenuItem item = new MenuItem("_Samples Gallery", new FontIcon(Feather.GRID));
    item.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+S"));
    item.setId("samplesGallery");
    item.setOnAction(event -> showGallery());
    return item;
  }

  /** Returns the walk-through panel, hidden while no walk-through runs. */
  public Node panel() {
    return panel.node();
  }

  /** Shows the samples gallery and remembers that it was shown. */
  public void showGallery() {
    if (gallery == null) {
      gallery = new GalleryWindow(stage, viewModel.gallery(),
          List.of(stage.getScene().getStylesheets().toArray(String[]::new)), fontScale.rootStyle());
    }
    settings.setGalleryShown(true);
    gallery.show();
  }

  /** Shows the gallery when it has never been shown, as on the first start. */
  public void showGalleryOnFirstStart() {
    if (!settings.galleryShown()) {
      showGallery();
    }
  }

  /** Returns true while the gallery window is open. */
  public boolean galleryShowing() {
    return gallery != null && gallery.isShowing();
  }

  public TrainerViewModel viewModel() {
    return viewModel;
  }

  public FontScale fontScale() {
    return fontScale;
  }

  private static String stylesheet() {
    return Objects.requireNonNull(TrainerMode.class.getResource(STYLESHEET), "missing style sheet " + STYLESHEET)
        .toExternalForm();
  }
}
