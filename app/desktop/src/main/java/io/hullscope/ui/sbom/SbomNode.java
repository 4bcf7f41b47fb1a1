package io.hullscope.ui.sbom;

import io.hullscope.sbom.ImagePackage;
import java.util.List;
import java.util.function.Function;

/**
 * One row of the SBOM tree: a group (an ecosystem or a layer), a package, or the file a package
 * was read from. Children are computed when first asked for, so that the dependency view, which
 * can be arbitrarily deep, costs only the rows the user opened.
 */
public sealed interface SbomNode permits SbomNode.Group, SbomNode.PackageItem, SbomNode.Evidence {

  /** Returns the text of the name column. */
  String label();

  /** Returns the child rows; computed on the first call. */
  List<SbomNode> children();

  /** Returns true when the row can never have children, so the tree shows no expander. */
  boolean isLeaf();

  /**
   * An ecosystem or a layer with its packages.
   *
   * @param detail the package count, for example {@code 87} or {@code 3 of 87} while filtering
   * @param description the whole text for a tooltip, for example a layer's full history command
   */
  record Group(String label, String detail, String description, List<SbomNode> children) implements SbomNode {

    public Group {
      children = List.copyOf(children);
    }

    @Override
    public boolean isLeaf() {
      return children.isEmpty();
    }
  }

  /** The file, or the archive entry, that a package was read from. */
  record Evidence(ImagePackage pkg, String path) implements SbomNode {

    @Override
    public String label() {
      return path;
    }

    @Override
    public List<SbomNode> children() {
      return List.of();
    }

    @Override
    public boolean isLeaf() {
      return true;
    }
  }

  /**
   * A package. In the dependency view its children are the packages it depends on. A dependency
   * that is already one of the row's ancestors becomes a leaf marked as a cycle, so expanding
   * never loops.
   */
  final class PackageItem implements SbomNode {

    private final ImagePackage pkg;
    private final PackageItem parent;
    private final boolean cycle;
    private final Function<PackageItem, List<SbomNode>> childFactory;
    private List<SbomNode> children;

    /**
     * @param parent the package row above this one in the dependency view, or null
     * @param childFactory creates the child rows of this row; called at most once
     */
    PackageItem(ImagePackage pkg, PackageItem parent, Function<PackageItem, List<SbomNode>> childFactory) {
      this.pkg = pkg;
      this.parent = parent;
      this.cycle = parent != null && parent.hasAncestorOrSelf(pkg);
      this.childFactory = childFactory;
    }

    public ImagePackage pkg() {
      return pkg;
    }

    /** Returns the package row above this one in the dependency view, or null. */
    public PackageItem parent() {
      return parent;
    }

    /** Returns true when this package already appears above this row, so its subtree is not repeated. */
    public boolean isCycle() {
      return cycle;
    }

    @Override
    public String label() {
      return pkg.pkg().name();
    }

    @Override
    public List<SbomNode> children() {
      if (children == null) {
        children = cycle ? List.of() : List.copyOf(childFactory.apply(this));
      }
      return children;
    }

    @Override
    public boolean isLeaf() {
      return children().isEmpty();
    }

    private boolean hasAncestorOrSelf(ImagePackage candidate) {
      for (PackageItem row = this; row != null; row = row.parent) {
        if (row.pkg == candidate) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return pkg.pkg().name() + " " + pkg.pkg().version() + (cycle ? " (cycle)" : "");
    }
  }
}
