package io.hullscope.ui.harbor;

import io.hullscope.source.harbor.HarborModel.Page;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One Harbor list shown a page at a time with a search text: projects, repositories or artifacts.
 * Pages load on the task executor, and the response to a request that a newer one replaced is dropped.
 *
 * @param <T> the listed Harbor object
 */
public final class PagedList<T> {

  /** Reads one page; runs on a worker thread. */
  @FunctionalInterface
  public interface Loader<T> {
    Page<T> load(String search, int page, int pageSize) throws Exception;
  }

  private final String noun;
  private final TaskExecutor executor;
  private final ErrorViewModel error;
  private final int pageSize;
  private final ObservableList<T> items = FXCollections.observableArrayList();
  private final StringProperty search = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private Loader<T> loader;
  private String context = "";
  private int page = 1;
  private int request;

  /**
   * @param noun the plural name of the items for the status line, for example {@code projects}
   * @param pageSize items per page, at most Harbor's limit of 100
   */
  public PagedList(String noun, TaskExecutor executor, ErrorViewModel error, int pageSize) {
    this.noun = noun;
    this.executor = executor;
    this.error = error;
    this.pageSize = pageSize;
  }

  /**
   * Shows the first page of a new list, or empties the list for a null loader.
   *
   * @param newContext what the list belongs to, for messages, for example {@code project team}
   */
  public void show(Loader<T> newLoader, String newContext) {
    loader = newLoader;
    context = newContext;
    search.set("");
    load(1);
  }

  /** Loads the first page again with the current search text. */
  public void reload() {
    load(1);
  }

  /** Loads the current page again, for example after a scan changed its items. */
  public void refresh() {
    load(page);
  }

  public void next() {
    if (hasNext.get()) {
      load(page + 1);
    }
  }

  public void previous() {
    if (page > 1) {
      load(page - 1);
    }
  }

  private void load(int number) {
    int current = ++request;
    if (loader == null) {
      items.clear();
      status.set("");
      hasPrevious.set(false);
      hasNext.set(false);
      loading.set(false);
      return;
    }
    Loader<T> reader = loader;
    String text = search.get() == null ? "" : search.get().strip();
    String where = context;
    loading.set(true);
    status.set("Loading " + noun + "...");
    executor.submit(new BackgroundTask<>(
        "Listing " + noun + " of " + where,
        progress -> reader.load(text, number, pageSize),
        result -> {
          if (current == request) {
            showPage(result, text);
          }
        },
        failure -> {
          if (current == request) {
            loading.set(false);
            items.clear();
            status.set("Could not list " + noun);
            if (!ErrorViewModel.isCancellation(failure)) {
              error.show("Listing the " + noun + " of " + where + " failed", failure);
            }
          }
        }));
  }

  private void showPage(Page<T> result, String text) {
    page = result.page();
    items.setAll(result.items());
    hasPrevious.set(page > 1);
    hasNext.set(result.hasMore() && !result.items().isEmpty());
    loading.set(false);
    status.set(statusLine(result, text));
  }

  /** Returns for example "Page 2 of 3, 57 projects" or "No projects match 'web'". */
  String statusLine(Page<T> result, String text) {
    if (result.items().isEmpty() && result.page() == 1) {
      return text.isEmpty() ? "No " + noun : "No " + noun + " match '" + text + "'";
    }
    if (result.total() < 0) {
      return String.format(Locale.ROOT, "Page %d", result.page());
    }
    long pages = Math.max(1, (result.total() + result.pageSize() - 1) / result.pageSize());
    return String.format(Locale.ROOT, "Page %d of %d, %d %s", result.page(), pages, result.total(), noun);
  }

  public ObservableList<T> items() {
    return items;
  }

  /** Returns the current items as an unmodifiable copy. */
  public List<T> snapshot() {
    return List.copyOf(items);
  }

  /** Returns the search text; {@link #reload()} applies it. */
  public StringProperty searchProperty() {
    return search;
  }

  /** Returns the paging line, for example "Page 1 of 4, 87 artifacts". */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasPreviousProperty() {
    return hasPrevious.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasNextProperty() {
    return hasNext.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** Returns the number of the shown page, from 1. */
  public int page() {
    return page;
  }
}
