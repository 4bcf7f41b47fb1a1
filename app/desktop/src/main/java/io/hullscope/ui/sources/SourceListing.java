package io.hullscope.ui.sources;

import java.util.List;

/**
 * Result of loading a sidebar entry: its images and a one-line state for the sidebar.
 *
 * @param available false when the source could not be reached or read at all
 * @param status for example {@code Connected, 12 images} or the reason the daemon is not reachable
 */
public record SourceListing(List<ImageRow> images, boolean available, String status) {

  public SourceListing {
    images = List.copyOf(images);
  }
}
