package io.hullscope.sbom;

import java.io.IOException;

/** A package database or {@code os-release} file could not be read; the message names the file. */
public class PackageDatabaseException extends IOException {

  public PackageDatabaseException(String message) {
    super(message);
  }

  public PackageDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
