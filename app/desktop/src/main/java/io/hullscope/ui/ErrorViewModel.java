package io.hullscope.ui;

import io.hullscope.image.OperationCancelledException;
import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The error banner: a short message a user can act on and, collapsed below it, the chain of causes.
 * The stack trace is never shown; it goes to the log and into the text of Copy, for a bug report.
 */
public final class ErrorViewModel {

  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);
  private Throwable failure;

  /** Shows a failure as "what failed: why", with the causes as details. */
  public void show(String action, Throwable failure) {
    this.failure = failure;
    message.set(action + ": " + summary(failure));
    details.set(causeChain(failure));
    visible.set(true);
  }

  public void dismiss() {
    visible.set(false);
    failure = null;
    message.set("");
    details.set("");
  }

  /**
   * Returns the text that Copy puts on the clipboard: the message, the cause chain and the stack
   * trace. Returns an empty string while no error is shown.
   */
  public String copyText() {
    if (failure == null) {
      return "";
    }
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return message.get() + "\n\n" + details.get() + "\n\nStack trace:\n" + trace;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty detailsProperty() {
    return details.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty visibleProperty() {
    return visible.getReadOnlyProperty();
  }

  /**
   * Returns the message of the failure, or of its first cause that has one. A wrapper whose message
   * is only its cause's {@code toString()} is skipped.
   */
  public static String summary(Throwable failure) {
    for (Throwable current = failure; current != null; current = current.getCause()) {
      String text = current.getMessage();
      boolean onlyWrapsCause = current.getCause() != null && current.getCause().toString().equals(text);
      if (text != null && !text.isBlank() && !onlyWrapsCause) {
        return text.strip();
      }
    }
    return failure.getClass().getSimpleName();
  }

  /** Returns one line per exception in the cause chain: type and message. */
  static String causeChain(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable current = failure; current != null; current = current.getCause()) {
      if (text.length() > 0) {
        text.append("\ncaused by ");
      }
      text.append(current.getClass().getName());
      if (current.getMessage() != null) {
        text.append(": ").append(current.getMessage());
      }
    }
    return text.toString();
  }

  /** Returns true when the failure is the user's own cancel, which is no error to show. */
  public static boolean isCancellation(Throwable failure) {
    return failure instanceof OperationCancelledException || failure instanceof InterruptedException;
  }
}
