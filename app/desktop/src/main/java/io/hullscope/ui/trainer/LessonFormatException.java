package io.hullscope.ui.trainer;

import java.io.IOException;

/** A lesson file that cannot be read or does not follow the lesson format; the message names the file. */
public final class LessonFormatException extends IOException {

  public LessonFormatException(String message) {
    super(message);
  }

  public LessonFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
