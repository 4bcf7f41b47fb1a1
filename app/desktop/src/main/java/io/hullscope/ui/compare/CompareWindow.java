package io.hullscope.ui.compare;

import io.hullscope.compare.ComparisonFormat;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Compare window: a stage of its own next to the main window, created on first use and shown
 * whenever {@link CompareViewModel#showingProperty()} turns true.
 */
public final class CompareWindow {

  /** Style sheets: the main window's and the Compare window's own. */
  private static final String[] STYLESHEETS = {
      "/io/hullscope/ui/hullscope.css", "/io/hullscope/ui/compare/compare.css"};

  private final CompareViewModel viewModel;
  private final Window owner;
  private CompareView.ExportTarget exportTarget;
  private Stage stage;

  private CompareWindow(CompareViewModel viewModel, Window owner) {
    this.viewModel = viewModel;
    this.owner = owner;
    this.exportTarget = this::chooseFile;
  }

  /** Shows the window each time the showing property turns true; returns the window for tests. */
  public static CompareWindow attach(CompareViewModel viewModel, Window owner) {
    CompareWindow window = new CompareWindow(viewModel, owner);
    viewModel.showingProperty().addListener((observable, before, after) -> {
      if (after) {
        window.show();
      }
    });
    return window;
  }

  /** Replaces the file chooser of the export buttons, for tests that cannot drive a native dialog. */
  public void setExportTarget(CompareView.ExportTarget target) {
    exportTarget = Objects.requireNonNull(target, "target");
  }

  /** Returns the stage once the window was shown, otherwise null. */
  public Stage stage() {
    return stage;
  }

  private void show() {
    if (stage == null) {
      stage = new Stage();
      stage.initOwner(owner);
      stage.setTitle("Compare Images - Hullscope");
      CompareView view = new CompareView(viewModel, format -> exportTarget.choose(format));
      Scene scene = new Scene(view.node(), 1280, 820);
      for (String sheet : STYLESHEETS) {
        var url = CompareWindow.class.getResource(sheet);
        if (url != null) {
          scene.getStylesheets().add(url.toExternalForm());
        }
      }
      stage.setScene(scene);
      stage.setOnHidden(event -> viewModel.showingProperty().set(false));
    }
    stage.show();
    stage.toFront();
  }

  private Path chooseFile(ComparisonFormat format) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the comparison");
    String suffix = "." + format.fileExtension();
    chooser.setInitialFileName("comparison" + suffix);
    chooser.getExtensionFilters().setAll(
        new FileChooser.ExtensionFilter(formatName(format) + " (*" + suffix + ")", "*" + suffix),
        new FileChooser.ExtensionFilter("All files", "*"));
    File file = chooser.showSaveDialog(stage);
    return file == null ? null : file.toPath();
  }

  /** Returns the format's name as a word, for example {@code Markdown}. */
  private static String formatName(ComparisonFormat format) {
    String lower = format.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
