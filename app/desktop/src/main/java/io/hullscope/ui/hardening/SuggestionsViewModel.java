package io.hullscope.ui.hardening;

import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageFacts;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Suggestions part of the Hardening tab: a suggested Dockerfile, Kyverno policies and Harbor
 * settings advice built from the report of the open image. The texts are built on the task executor
 * when an image is shown, and each can be saved to a file.
 */
public final class SuggestionsViewModel {

  private static final String NO_IMAGE = "Open an image to see suggestions for it.";

  private final TaskExecutor executor;
  private final ErrorViewModel error;
  private final Map<Suggestion, ReadOnlyStringWrapper> texts = new EnumMap<>(Suggestion.class);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(NO_IMAGE);
  private final ReadOnlyStringWrapper saveMessage = new ReadOnlyStringWrapper("");
  /** The report whose suggestions are being built or shown; a result for any other report is dropped. */
  private HardeningReport current;

  public SuggestionsViewModel(TaskExecutor executor, ErrorViewModel error) {
    this.executor = executor;
    this.error = error;
    for (Suggestion suggestion : Suggestion.values()) {
      texts.put(suggestion, new ReadOnlyStringWrapper(""));
    }
  }

  /**
   * Clears the texts and, when both the report and its facts are given, builds them in the background.
   *
   * @param failure why the checks could not run, shown in the status line; may be null
   */
  public void show(HardeningReport report, ImageFacts facts, String failure) {
    texts.values().forEach(text -> text.set(""));
    saveMessage.set("");
    if (report == null) {
      current = null;
      status.set(failure == null ? NO_IMAGE : "No suggestions because the hardening checks could not run: " + failure);
      return;
    }
    if (facts == null) {
      current = null;
      status.set("No suggestions because the image facts behind this report are not available.");
      return;
    }
    current = report;
    status.set("Building the suggestions...");
    executor.submit(new BackgroundTask<>("Building the suggestions for " + report.imageName(),
        progress -> build(report, facts),
        built -> {
          if (current == report) {
            built.forEach((suggestion, text) -> texts.get(suggestion).set(text));
            status.set("");
          }
        },
        failed -> {
          if (current == report && !ErrorViewModel.isCancellation(failed)) {
            status.set("Building the suggestions failed: " + ErrorViewModel.summary(failed));
            error.show("Building the suggestions for " + report.imageName() + " failed", failed);
          }
        }));
  }

  private static Map<Suggestion, String> build(HardeningReport report, ImageFacts facts) {
    Map<Suggestion, String> result = new EnumMap<>(Suggestion.class);
    for (Suggestion suggestion : Suggestion.values()) {
      result.put(suggestion, suggestion.build(report, facts));
    }
    return result;
  }

  /** Writes the shown text of a suggestion to a file in the background and reports the result in the save message. */
  public void save(Suggestion suggestion, Path target) {
    String text = texts.get(suggestion).get();
    if (text.isEmpty()) {
      return;
    }
    saveMessage.set("");
    executor.submit(new BackgroundTask<>("Saving the " + suggestion.noun() + " to " + target.getFileName(),
        progress -> {
          try {
            Files.writeString(target, text, StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IOException("Failed to write " + target + ": " + e.getMessage()
                + ". Check that the folder exists and is writable.", e);
          }
          return target;
        },
        written -> saveMessage.set("Saved the " + suggestion.noun() + " to " + written),
        failed -> {
          if (!ErrorViewModel.isCancellation(failed)) {
            error.show("Saving the " + suggestion.noun() + " failed", failed);
          }
        }));
  }

  /** Returns the text of a suggestion; empty while no image is open or the text is being built. */
  public ReadOnlyStringProperty textProperty(Suggestion suggestion) {
    return texts.get(suggestion).getReadOnlyProperty();
  }

  /** Returns why no text is shown yet: no image, still building, or a failure; empty once the texts are shown. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Returns the result of the last save, for example "Saved the Kyverno policies to /tmp/kyverno.yaml". */
  public ReadOnlyStringProperty saveMessageProperty() {
    return saveMessage.getReadOnlyProperty();
  }
}
