package io.hullscope.image;

import java.io.InterruptedIOException;

/** Thrown when a {@link ProgressListener} reports that the user cancelled the operation. */
public class OperationCancelledException extends InterruptedIOException {

  public OperationCancelledException() {
    super("cancelled by the user");
  }
}
