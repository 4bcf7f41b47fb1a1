package io.hullscope.source.archive;

import io.hullscope.image.ImageReadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The files of an OCI layout folder. Symbolic links are rejected, in the file itself and in every
 * folder above it, so that a hostile layout cannot make us read files outside the folder.
 */
final class DirectoryImageFiles implements ImageFiles {

  private final Path root;

  DirectoryImageFiles(Path root) throws IOException {
    this.root = root.toRealPath();
  }

  @Override
  public String description() {
    return "OCI layout folder " + root;
  }

  @Override
  public String name() {
    return String.valueOf(root.getFileName());
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(root.resolve(path), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public long size(String path, String image) throws IOException {
    return regularFile(path, image).size();
  }

  @Override
  public InputStream open(String path, String image) throws IOException {
    regularFile(path, image);
    try {
      return Files.newInputStream(root.resolve(path), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new ImageReadException(image, null, path, "failed to open the file in " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String symlinkTarget(String path) {
    Path file = root.resolve(path);
    try {
      return Files.isSymbolicLink(file) ? Files.readSymbolicLink(file).toString() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private BasicFileAttributes regularFile(String path, String image) throws IOException {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw new ImageReadException(image, null, path, "the path points outside the layout folder " + root);
    }
    Path current = root;
    for (Path component : root.relativize(file)) {
      current = current.resolve(component);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw new ImageReadException(image, null, path, "the file is missing from " + root + "; the layout is incomplete", e);
      }
      if (attributes.isSymbolicLink()) {
        throw new ImageReadException(image, null, path,
            root.relativize(current) + " is a symbolic link; OCI layouts must store blobs as regular files");
      }
      if (current.equals(file)) {
        if (!attributes.isRegularFile()) {
          throw new ImageReadException(image, null, path, "the path is not a regular file");
        }
        return attributes;
      }
    }
    throw new ImageReadException(image, null, path, "the path names the layout folder itself, not a file");
  }

  @Override
  public void close() {}
}
