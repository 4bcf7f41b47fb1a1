package io.hullscope.source.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The files of an image archive or layout folder, addressed by slash-separated relative paths
 * such as {@code blobs/sha256/ab12...}. Only regular files can be read: a link where a manifest,
 * config or blob is expected is an error, because following it could read outside the archive.
 */
interface ImageFiles extends Closeable {

  /** Describes the origin for messages, for example {@code docker save archive /tmp/app.tar}. */
  String description();

  /** File name of the archive or folder, used to name images in error messages. */
  String name();

  /** Returns true when an entry of any type exists at {@code path}. */
  boolean exists(String path);

  /**
   * Returns the size of the regular file at {@code path}.
   *
   * @throws io.hullscope.image.ImageReadException when it is missing or not a regular file
   */
  long size(String path, String image) throws IOException;

  /**
   * Opens the regular file at {@code path}; the stream ends at the end of that file.
   *
   * @throws io.hullscope.image.ImageReadException when it is missing or not a regular file
   */
  InputStream open(String path, String image) throws IOException;

  /** Returns the target of the symbolic link at {@code path}, or null when it is not one. */
  String symlinkTarget(String path);
}
