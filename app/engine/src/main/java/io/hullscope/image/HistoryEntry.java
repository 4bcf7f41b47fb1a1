package io.hullscope.image;

import java.time.Instant;

/**
 * One line of an image's build history.
 *
 * @param created when the step ran, or null when the config omits it
 * @param createdBy the instruction, for example {@code /bin/sh -c #(nop) COPY file:... in /app}
 * @param comment free text some builders add
 * @param emptyLayer true when the step changed only metadata and produced no layer
 */
public record HistoryEntry(Instant created, String createdBy, String comment, boolean emptyLayer) {

  /**
   * Returns the instruction, or the comment when there is none: {@code docker import} records
   * only a comment such as {@code Imported from -}. Returns an empty string when both are blank.
   */
  public String description() {
    if (createdBy != null && !createdBy.isBlank()) {
      return createdBy;
    }
    return comment == null ? "" : comment;
  }
}
