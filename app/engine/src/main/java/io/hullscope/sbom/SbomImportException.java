package io.hullscope.sbom;

import java.io.IOException;

/** An SBOM file could not be imported; the message names the file and what is wrong with it. */
public class SbomImportException extends IOException {

  public SbomImportException(String message) {
    super(message);
  }

  public SbomImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
