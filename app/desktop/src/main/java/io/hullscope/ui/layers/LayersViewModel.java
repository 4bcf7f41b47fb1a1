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
import java.util.List;
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
      String command = entry == null || entry.createdBy() == null ? "" : entry.createdBy();
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
      tree.set(null);
      return;
    }
    executor.submit(new BackgroundTask<>(
        "Building the file tree of layer " + layer,
        progress -> treeMode == TreeMode.CHANGES ? current.changes(layer) : current.squashed(layer),
        built -> {
          if (request == treeRequest) {
            tree.set(built);
            runSearch();
          }
        },
        failure -> {
          if (request == treeRequest && !ErrorViewModel.isCancellation(failure)) {
            error.show("Building the file tree of layer " + layer + " failed", failure);
          }
        }));
  }

  private void runSearch() {
    FileTree current = tree.get();
    String text = search.get() == null ? "" : search.get().strip();
    if (current == null || text.isEmpty()) {
      searchResults.clear();
      return;
    }
    searchResults.setAll(current.search(text, MAX_SEARCH_RESULTS));
  }

  /** Selects the tree node at a path of the current tree, for example a search result or a wasted file. */
  public void selectPath(String path) {
    FileTree current = tree.get();
    if (current != null) {
      current.find(path).ifPresent(selectedNode::set);
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
