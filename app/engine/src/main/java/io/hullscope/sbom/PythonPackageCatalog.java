package io.hullscope.sbom;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.TreeNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the installed Python packages of an image's final file system from the metadata files a
 * {@link PackageDatabaseFiles} collected: {@code site-packages/*.dist-info/METADATA} and {@code
 * dist-packages/*.dist-info/METADATA} at any depth, {@code *.egg-info/PKG-INFO}, and {@code
 * *.egg-info} files. Each file is read in the version of the layer that last set it, so a package
 * whose old dist-info folder a later layer deleted is listed in its new version only.
 *
 * <p>A metadata file without Name or Version is skipped with a warning, so one damaged package
 * does not hide the others. A file that was not streamed or is too large fails the catalog, as in
 * {@link OsPackageCatalog}.
 *
 * <p>NOTE: metadata reached only through a symlink is not followed, and the same package found in
 * two virtual environments is listed twice, once per evidence path.
 */
public final class PythonPackageCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(PythonPackageCatalog.class);
  private static final String EGG_INFO = ".egg-info";
  private static final String DIST_INFO = ".dist-info";

  private PythonPackageCatalog() {}

  /** Returns true for a path this catalog reads, if it is a regular file. */
  public static boolean isMetadataPath(String path) {
    // Called for every entry of every layer, so most paths are rejected before any substring.
    if (!path.endsWith(EGG_INFO) && !path.endsWith("/PKG-INFO") && !path.endsWith("/METADATA")) {
      return false;
    }
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    if (name.endsWith(EGG_INFO)) {
      return name.length() > EGG_INFO.length();
    }
    if (slash <= 0 || !(name.equals("PKG-INFO") || name.equals("METADATA"))) {
      return false;
    }
    String parentPath = path.substring(0, slash);
    int parentSlash = parentPath.lastIndexOf('/');
    String parent = parentPath.substring(parentSlash + 1);
    if (name.equals("PKG-INFO")) {
      return parent.endsWith(EGG_INFO) && parent.length() > EGG_INFO.length();
    }
    if (!parent.endsWith(DIST_INFO) || parent.length() == DIST_INFO.length() || parentSlash <= 0) {
      return false;
    }
    String grandparentPath = parentPath.substring(0, parentSlash);
    String grandparent = grandparentPath.substring(grandparentPath.lastIndexOf('/') + 1);
    return grandparent.equals("site-packages") || grandparent.equals("dist-packages");
  }

  /**
   * Parses the Python metadata files present in the image's final file system, in path order.
   *
   * @throws PackageDatabaseException naming the file when a metadata file present in the image
   *     was not streamed (its layer came from a cache) or is too large
   */
  public static List<Package> catalog(ImageAnalysis analysis, PackageDatabaseFiles files) throws IOException {
    FileTree tree = analysis.squashed(analysis.layers().size() - 1);
    PythonMetadataParser parser = new PythonMetadataParser(files.maxBytes());
    List<Package> packages = new ArrayList<>();
    Deque<TreeNode> pending = new ArrayDeque<>();
    pending.push(tree.root());
    while (!pending.isEmpty()) {
      TreeNode node = pending.pop();
      List<TreeNode> children = node.children();
      for (int i = children.size() - 1; i >= 0; i--) {
        pending.push(children.get(i));
      }
      if (node.entry() == null || node.entry().type() != EntryType.FILE || !isMetadataPath(node.path())) {
        continue;
      }
      byte[] bytes = content(files, node.layer(), node.path());
      try {
        packages.add(parser.parse(node.path(), new ByteArrayInputStream(bytes)));
      } catch (PackageDatabaseException e) {
        LOG.warn("Skipped the Python package of {}: {}", node.path(), e.getMessage());
      }
    }
    return packages;
  }

  private static byte[] content(PackageDatabaseFiles files, int layer, String path) throws PackageDatabaseException {
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
    return content.bytes();
  }
}
