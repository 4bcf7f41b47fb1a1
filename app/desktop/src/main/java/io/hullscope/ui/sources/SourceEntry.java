package io.hullscope.ui.sources;

import io.hullscope.image.ProgressListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import io.hullscope.source.ImageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entry of the sidebar: the Docker daemon, the samples folder or a file the user opened.
 *
 * <p>{@link #load} runs on a worker thread and returns a {@link SourceListing}; the view model then
 * applies it with {@link #apply} on the UI thread, which updates the status shown in the sidebar.
 */
public abstract class SourceEntry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SourceEntry.class);

  private final String name;
  private final SourceKind kind;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not loaded");
  private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(true);
  private final List<ImageSource> openSources = new ArrayList<>();
  private SourceListing lastListing;

  protected SourceEntry(String name, SourceKind kind) {
    this.name = name;
    this.kind = kind;
  }

  /** Lists the images of this entry; called on a worker thread. */
  public abstract SourceListing load(ProgressListener progress);

  /** Shows the outcome of {@link #load} in the sidebar; called on the UI thread. */
  public void apply(SourceListing listing) {
    lastListing = listing;
    available.set(listing.available());
    status.set(listing.status());
  }

  /** Returns true when the last load reached the source and found at least one image. */
  public boolean hasImages() {
    return lastListing != null && lastListing.available() && !lastListing.images().isEmpty();
  }

  public String name() {
    return name;
  }

  public SourceKind kind() {
    return kind;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty availableProperty() {
    return available.getReadOnlyProperty();
  }

  /** Keeps a source open until this entry is closed or loaded again. */
  protected synchronized void keepOpen(ImageSource source) {
    openSources.add(source);
  }

  /** Closes the sources of the previous load. */
  protected synchronized void closeOpenSources() {
    for (ImageSource source : openSources) {
      try {
        source.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Closing source {} of {} failed", source.displayName(), name, e);
      }
    }
    openSources.clear();
  }

  @Override
  public void close() {
    closeOpenSources();
  }

  @Override
  public String toString() {
    return name;
  }
}
