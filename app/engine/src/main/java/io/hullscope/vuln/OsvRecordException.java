package io.hullscope.vuln;

/** An OSV record that could not be read or that violates the OSV schema. */
public final class OsvRecordException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * @param source the file or zip entry the record came from, for example {@code all.zip!DSA-1.json}
   * @param message what is wrong, without the source
   */
  public OsvRecordException(String source, String message) {
    super(source + ": " + message);
    this.source = source;
  }

  public OsvRecordException(String source, String message, Throwable cause) {
    super(source + ": " + message, cause);
    this.source = source;
  }

  /** The file or zip entry the record came from. */
  public String source() {
    return source;
  }
}
