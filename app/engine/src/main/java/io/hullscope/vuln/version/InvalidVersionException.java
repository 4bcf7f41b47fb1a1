package io.hullscope.vuln.version;

/** A string that is not a valid version of the scheme it was given to. */
public final class InvalidVersionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for a version string and the reason it was refused. */
  public InvalidVersionException(String scheme, String version, String reason) {
    super("'" + version + "' is not a valid " + scheme + " version: " + reason);
  }
}
