package io.hullscope.ui.layers;

import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Layer;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.TreeNode;
import io.hullscope.index.WastedFile;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.content.FileContentViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Layers tab: the layer list, the file tree of the selected layer (its changes or the whole
 * file system up to it), a path search, the wasted-space list and the content of the selected file.
 */
public final class LayersViewModel {

  /** Most search results listed; a short substring in a big image matches far more. */
  public static final int MAX_SEARCH_RESULTS = 500;

  private final TaskExecutor executor;
  private final ErrorViewModel error;
  private final FileContentViewModel content;
  private final ObservableList<LayerRow> layers = FXCollections.observableArrayList();
  private final ObservableList<WastedFile> wastedFiles = FXCollections.observableArrayList();
  private final ObservableList<TreeNode> searchResults = FXCollections.observableArrayList();
  private final IntegerProperty selectedLayer = new SimpleIntegerProperty(-1);
  private final ObjectProperty<TreeMode> mode = new SimpleObjectProperty<>(TreeMode.CHANGES);
  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<TreeNode> selectedNode = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<FileTree> tree = new ReadOnlyObjectWrapper<>();
  private ImageAnalysis analysis;
  private int treeRequest;
  private int searchRequest;
  private boolean treeLoading;
  private String pendingPath;
  private int pendingFallbackLayer = -1;

  public LayersViewModel(TaskExecutor executor, ErrorViewModel error, FileContentViewModel content) {
    this.executor = executor;
    this.error = error;
    this.content = content;
    selectedLayer.addListener((observable, before, after) -> loadTree());
    mode.addListener((observable, before, after) -> loadTree());
    search.addListener((observable, before, after) -> runSearch());
    selectedNode.addListener((observable, before, after) -> content.show(analysis, selectedLayer.get(), after));
  }

  /** Shows the given analysis with its top layer selected, or clears the tab for null. */
  public void show(ImageAnalysis newAnalysis) {
    analysis = newAnalysis;
    pendingPath = null;
    selectedNode.set(null);
    search.set("");
    searchResults.clear();
    if (newAnalysis == null) {
      layers.clear();
      wastedFiles.clear();
      selectedLayer.set(-1);
      tree.set(null);
      return;
    }
    layers.setAll(layerRows(newAnalysis));
    wastedFiles.setAll(newAnalysis.waste().files());
    int top = layers.size() - 1;
    if (selectedLayer.get() == top) {
      loadTree();
    } else {
      selectedLayer.set(top);
    }
  }

  private static List<LayerRow> layerRows(ImageAnalysis analysis) {
    List<Layer> layers = analysis.image().layers();
    List<HistoryEntry> history = analysis.image().config().layerHistory();
    List<LayerRow> rows = new ArrayList<>();
    for (int i = 0; i < analysis.layers().size(); i++) {
      LayerIndex index = analysis.layers().get(i);
      long storedSize = i < layers.size() ? layers.get(i).size() : -1;
      HistoryEntry entry = i < history.size() ? history.get(i) : null;
      String command = entry == null ? "" : entry.description();
      rows.add(new LayerRow(i, storedSize, index.uncompressedSize(), index.entries().size(), command));
    }
    return rows;
  }

  /** Builds the tree for the selected layer and mode in the background. */
  private void loadTree() {
    ImageAnalysis current = analysis;
    int layer = selectedLayer.get();
    TreeMode treeMode = mode.get();
    int request = ++treeRequest;
    selectedNode.set(null);
    if (current == null || layer < 0) {
      treeLoading = false;
      tree.set(null);
      return;
    }
    treeLoading = true;
    executor.submit(new BackgroundTask<>(
        "Building the file tree of layer " + layer,
        progress -> treeMode == TreeMode.CHANGES ? current.changes(layer) : current.squashed(layer),
        built -> {
          if (request == treeRequest) {
            treeLoading = false;
            tree.set(built);
            runSearch();
            selectPendingPath();
          }
        },
        failure -> {
          if (request == treeRequest) {
            treeLoading = false;
            pendingPath = null;
            if (!ErrorViewModel.isCancellation(failure)) {
              error.show("Building the file tree of layer " + layer + " failed", failure);
            }
          }
        }));
  }

  /** Searches the current tree in the background, because a big tree takes long per keystroke. */
  private void runSearch() {
    FileTree current = tree.get();
    String text = search.get() == null ? "" : search.get().strip();
    int request = ++searchRequest;
    if (current == null || text.isEmpty()) {
      searchResults.clear();
      return;
    }
    executor.submit(new BackgroundTask<>(
        "Searching for " + text,
        progress -> current.search(text, MAX_SEARCH_RESULTS),
        found -> {
          if (request == searchRequest) {
            searchResults.setAll(found);
          }
        },
        failure -> {
          if (request == searchRequest && !ErrorViewModel.isCancellation(failure)) {
            error.show("Searching for '" + text + "' failed", failure);
          }
        }));
  }

  /** Selects the tree node at a path of the current tree, for example a search result. */
  public void selectPath(String path) {
    FileTree current = tree.get();
    if (current != null) {
      current.find(path).ifPresent(selectedNode::set);
    }
  }

  /**
   * Shows a wasted file in the whole file system. The file is looked up at the selected layer and,
   * when a later layer deleted it, at the last layer that stored it.
   */
  public void revealWastedFile(WastedFile file) {
    pendingPath = file.path();
    pendingFallbackLayer = file.layers().isEmpty() ? -1 : Collections.max(file.layers());
    if (mode.get() != TreeMode.SQUASHED) {
      mode.set(TreeMode.SQUASHED);
    } else if (!treeLoading) {
      selectPendingPath();
    }
  }

  /**
   * Shows a file in the whole file system up to a layer and selects it, for example the package
   * database a package was read from. When the file is not found there, the top layer is tried.
   */
  public void revealPath(String path, int layer) {
    if (analysis == null || layer < 0 || layer >= layers.size()) {
      return;
    }
    search.set("");
    // Both changes below may rebuild the tree; the path is set afterwards so that only the tree
    // of the requested layer and mode selects it.
    pendingPath = null;
    selectedLayer.set(layer);
    mode.set(TreeMode.SQUASHED);
    pendingPath = path;
    pendingFallbackLayer = layers.size() - 1;
    if (!treeLoading) {
      selectPendingPath();
    }
  }

  /** Selects the path a reveal waits for, once the tree it needs is built. */
  private void selectPendingPath() {
    FileTree current = tree.get();
    if (pendingPath == null || current == null) {
      return;
    }
    Optional<TreeNode> node = current.find(pendingPath);
    if (node.isPresent()) {
      pendingPath = null;
      selectedNode.set(node.get());
      return;
    }
    int fallback = pendingFallbackLayer;
    pendingFallbackLayer = -1;
    if (fallback >= 0 && fallback != selectedLayer.get()) {
      selectedLayer.set(fallback);
    } else {
      pendingPath = null;
    }
  }

  public ObservableList<LayerRow> layers() {
    return layers;
  }

  public ObservableList<WastedFile> wastedFiles() {
    return wastedFiles;
  }

  public ObservableList<TreeNode> searchResults() {
    return searchResults;
  }

  /** Index of the selected layer, bottom first; -1 when no image is shown. */
  public IntegerProperty selectedLayerProperty() {
    return selectedLayer;
  }

  public ObjectProperty<TreeMode> modeProperty() {
    return mode;
  }

  /** Substring of a path to search for in the current tree. */
  public StringProperty searchProperty() {
    return search;
  }

  /** Returns the selected file or directory, whose content or summary the content pane shows. */
  public ObjectProperty<TreeNode> selectedNodeProperty() {
    return selectedNode;
  }

  /** Returns the tree of the selected layer and mode; its value is null while none is built. */
  public ReadOnlyObjectProperty<FileTree> treeProperty() {
    return tree.getReadOnlyProperty();
  }

  public FileContentViewModel content() {
    return content;
  }
}
