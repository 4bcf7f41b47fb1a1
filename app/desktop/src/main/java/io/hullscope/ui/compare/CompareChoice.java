package io.hullscope.ui.compare;

import io.hullscope.ui.sources.ImageRow;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image the Compare window can pick: a row of the image table, or an archive or OCI layout file
 * (a recent file, or one the trainer names).
 *
 * @param label the text shown in the pickers
 * @param row the table row, or null for a file
 * @param file the file, or null for a row
 */
public record CompareChoice(String label, ImageRow row, Path file) {

  public CompareChoice {
    Objects.requireNonNull(label, "label");
    if ((row == null) == (file == null)) {
      throw new IllegalArgumentException("a choice is either a table row or a file");
    }
  }

  /** Returns a choice for a row of the image table. */
  public static CompareChoice of(ImageRow row) {
    return new CompareChoice(row.reference(), row, null);
  }

  /** Returns a choice for an archive or OCI layout, labelled with its file name. */
  public static CompareChoice of(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path name = absolute.getFileName();
    return new CompareChoice((name == null ? absolute.toString() : name.toString()) + " (file)", null, absolute);
  }

  @Override
  public String toString() {
    return label;
  }
}
