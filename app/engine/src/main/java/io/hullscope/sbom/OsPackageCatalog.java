package io.hullscope.sbom;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.TreeNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the OS packages of an image's final file system from the files a {@link
 * PackageDatabaseFiles} collected: the distro from {@code os-release}, then the packages of the
 * dpkg database ({@code status} and {@code status.d}), of the apk database and of the first RPM
 * database found (see {@link RpmDatabases}). Each path is read
 * in the version of the layer that last set it, so a later layer that rewrites the dpkg status
 * replaces the earlier one, and a deleted database is not read.
 *
 * <p>NOTE: packages are not yet attributed to the layer that added them, and a database that is a
 * symlink or hardlink is not followed; such a database is missing from the result.
 */
public final class OsPackageCatalog {

  /** The distro (null when no os-release was found) and the packages found. */
  public record Result(Distro distro, List<Package> packages) {
    public Result {
      packages = List.copyOf(packages);
    }
  }

  private OsPackageCatalog() {}

  /**
   * Parses the databases present in the image's final file system.
   *
   * @throws PackageDatabaseException naming the file when a database present in the image was
   *     not streamed (its layer came from a cache), is too large or is invalid
   */
  public static Result catalog(ImageAnalysis analysis, PackageDatabaseFiles files) throws IOException {
    FileTree tree = analysis.squashed(analysis.layers().size() - 1);
    Distro distro = null;
    for (String path : OsReleaseParser.PATHS) {
      Optional<InputStream> content = open(tree, files, path);
      if (content.isPresent()) {
        distro = OsReleaseParser.parse(path, content.get());
        break;
      }
    }

    List<Package> packages = new ArrayList<>();
    DpkgStatusParser dpkg = new DpkgStatusParser(files.maxBytes());
    Optional<InputStream> status = open(tree, files, DpkgStatusParser.STATUS_PATH);
    if (status.isPresent()) {
      packages.addAll(dpkg.parseStatus(DpkgStatusParser.STATUS_PATH, status.get(), distro));
    }
    String folder = DpkgStatusParser.STATUS_D_FOLDER.substring(0, DpkgStatusParser.STATUS_D_FOLDER.length() - 1);
    Optional<TreeNode> statusD = tree.find(folder);
    if (statusD.isPresent()) {
      for (TreeNode child : statusD.get().children()) {
        if (DpkgStatusParser.isStatusDRecord(child.path())) {
          Optional<InputStream> record = open(tree, files, child.path());
          if (record.isPresent()) {
            packages.addAll(dpkg.parseStatusD(child.path(), record.get(), distro));
          }
        }
      }
    }
    Optional<InputStream> apk = open(tree, files, ApkInstalledParser.INSTALLED_PATH);
    if (apk.isPresent()) {
      packages.addAll(new ApkInstalledParser(files.maxBytes()).parse(ApkInstalledParser.INSTALLED_PATH, apk.get(), distro));
    }
    for (String rpmPath : RpmDatabases.PATHS) {
      Optional<InputStream> rpm = open(tree, files, rpmPath);
      if (rpm.isPresent()) {
        packages.addAll(RpmDatabases.read(rpmPath, rpm.get().readAllBytes(), distro));
        break;
      }
    }
    return new Result(distro, packages);
  }

  /** Returns the content of a regular file of the final file system, or empty when it is absent. */
  private static Optional<InputStream> open(FileTree tree, PackageDatabaseFiles files, String path)
      throws PackageDatabaseException {
    Optional<TreeNode> node = tree.find(path);
    if (node.isEmpty() || node.get().entry() == null || node.get().entry().type() != EntryType.FILE) {
      return Optional.empty();
    }
    int layer = node.get().layer();
    PackageDatabaseFiles.Content content =
        files.get(layer, path)
            .orElseThrow(() -> new PackageDatabaseException(
                path + " of layer " + layer + " was not read, because that layer's index came from the cache;"
                    + " index the image without the cache to list its packages"));
    if (content.bytes() == null) {
      throw new PackageDatabaseException(
          path + " of layer " + layer + " has " + content.size() + " bytes, more than the limit of "
              + files.maxBytes() + "; raise the limit if this image is trusted");
    }
    return Optional.of(new ByteArrayInputStream(content.bytes()));
  }
}
