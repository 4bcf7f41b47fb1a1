package io.hullscope.ui.content;

import io.hullscope.cli.ByteSizes;
import io.hullscope.index.ChangeKind;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileContent;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.TreeNode;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskHandle;
import java.nio.charset.StandardCharsets;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The file content pane: loads the selected file in the background through
 * {@link FileContentReader}, at most {@link #MAX_BYTES}, and shows it as numbered text, a hex dump
 * or an image. Secret values in text files are masked until the user reveals them.
 */
public final class FileContentViewModel {

  /** Maximum number of bytes read and shown. Longer files are cut, and the note reports the cut. */
  public static final int MAX_BYTES = 256 * 1024;

  private final TaskExecutor executor;
  private final FileContentReader reader;
  private final ReadOnlyObjectWrapper<ContentKind> kind = new ReadOnlyObjectWrapper<>(ContentKind.NONE);
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<byte[]> imageBytes = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  private final BooleanProperty revealSecrets = new SimpleBooleanProperty(false);
  private final ReadOnlyBooleanWrapper maskable = new ReadOnlyBooleanWrapper(false);
  private String clearText = "";
  private String maskedText = "";
  private TaskHandle loading;

  public FileContentViewModel(TaskExecutor executor, FileContentReader reader) {
    this.executor = executor;
    this.reader = reader;
    revealSecrets.addListener((observable, before, after) -> showText());
  }

  /** Shows the file of a tree node as it is after {@code upToLayer}; null clears the pane. */
  public void show(ImageAnalysis analysis, int upToLayer, TreeNode node) {
    if (loading != null) {
      loading.cancel();
      loading = null;
    }
    imageBytes.set(null);
    setText("", "");
    revealSecrets.set(false);
    note.set("");
    if (analysis == null || node == null) {
      header.set("");
      kind.set(ContentKind.NONE);
      return;
    }

    header.set("/" + node.path());
    String withoutContent = describeWithoutContent(node);
    if (withoutContent != null) {
      note.set(withoutContent);
      kind.set(ContentKind.NONE);
      return;
    }

    kind.set(ContentKind.LOADING);
    note.set("Loading...");
    load(analysis, upToLayer, node);
  }

  private void load(ImageAnalysis analysis, int upToLayer, TreeNode node) {
    String path = node.path();
    // A deleted file has no content in the layer that deleted it, but its bytes are still in the
    // layers below, which is worth seeing (a removed key is still in the image).
    boolean deleted = node.change() == ChangeKind.DELETED;
    int readLayer = deleted ? upToLayer - 1 : upToLayer;
    String prefix = deleted ? "Deleted in layer " + upToLayer + "; showing the version below it. " : "";

    // The same-thread test executor runs the handlers before submit returns, so self[0] is still
    // null there; with the JavaFX executor it tells whether a newer selection replaced this one.
    TaskHandle[] self = new TaskHandle[1];
    self[0] = executor.submit(new BackgroundTask<>(
        "Reading /" + path,
        progress -> reader.read(analysis, readLayer, path, MAX_BYTES),
        content -> {
          if (self[0] == null || self[0] == loading) {
            display(content, prefix);
          }
        },
        failure -> {
          if ((self[0] == null || self[0] == loading) && !ErrorViewModel.isCancellation(failure)) {
            kind.set(ContentKind.ERROR);
            note.set("Cannot show /" + path + ": " + ErrorViewModel.summary(failure));
          }
        }));
    loading = self[0];
  }

  private void display(FileContent content, String prefix) {
    byte[] bytes = content.bytes();
    ContentKind shownAs = ContentFormat.classify(bytes, content.truncated());
    switch (shownAs) {
      case IMAGE -> imageBytes.set(bytes);
      case TEXT -> {
        String clear = new String(bytes, StandardCharsets.UTF_8);
        setText(ContentFormat.numberedText(bytes), ContentFormat.numberedText(
            SecretTextMasking.mask(content.path(), clear).getBytes(StandardCharsets.UTF_8)));
      }
      default -> setText(ContentFormat.hexDump(bytes), ContentFormat.hexDump(bytes));
    }
    String size = ByteSizes.format(content.totalSize());
    note.set(prefix + (content.truncated()
        ? "Showing the first " + ByteSizes.format(bytes.length) + " of " + size + " (truncated)"
        : size + ", from layer " + content.layer()));
    kind.set(shownAs);
  }

  private void setText(String clear, String masked) {
    clearText = clear;
    maskedText = masked;
    maskable.set(!clear.equals(masked));
    showText();
  }

  private void showText() {
    text.set(revealSecrets.get() ? clearText : maskedText);
  }

  /** Returns why a node has no content to show, or null when it is a file to read. */
  private static String describeWithoutContent(TreeNode node) {
    if (node.isDirectory()) {
      return "Directory with " + node.fileCount() + (node.fileCount() == 1 ? " file, " : " files, ")
          + ByteSizes.format(node.totalSize());
    }
    if (node.entry() == null) {
      return "No entry recorded for this path";
    }
    EntryType type = node.entry().type();
    return switch (type) {
      case FILE, HARDLINK, SYMLINK -> null;
      case CHAR_DEVICE -> "Character device";
      case BLOCK_DEVICE -> "Block device";
      case FIFO -> "Named pipe (FIFO)";
      case DIRECTORY -> "Directory";
    };
  }

  public ReadOnlyObjectProperty<ContentKind> kindProperty() {
    return kind.getReadOnlyProperty();
  }

  /** Numbered text or hex dump, depending on {@link #kindProperty()}. */
  public ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }

  /** Returns the bytes of an image file when the kind is {@link ContentKind#IMAGE}. */
  public ReadOnlyObjectProperty<byte[]> imageBytesProperty() {
    return imageBytes.getReadOnlyProperty();
  }

  /** True while the text shows secret values in clear; set back to false for each new file. */
  public BooleanProperty revealSecretsProperty() {
    return revealSecrets;
  }

  /** True when the text shown has masked values, so a Reveal toggle has something to reveal. */
  public ReadOnlyBooleanProperty maskableProperty() {
    return maskable.getReadOnlyProperty();
  }

  /** Returns the path of the file shown. */
  public ReadOnlyStringProperty headerProperty() {
    return header.getReadOnlyProperty();
  }

  /** Size, truncation or the reason nothing is shown. */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }
}
