package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TarBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageAnalysisTest {

  @Test
  void squashedTreeShowsLaterVersionOfFile() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("etc/motd", "old"),
        new TarBuilder().file("etc/motd", "newer"));

    TreeNode motd = node(analysis.squashed(1), "etc/motd");

    assertThat(motd.entry().size()).isEqualTo(5);
    assertThat(motd.layer()).isEqualTo(1);
    assertThat(motd.change()).isEqualTo(ChangeKind.MODIFIED);
  }

  @Test
  void squashedTreeOfLowerLayerIgnoresUpperLayers() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("a", "1"),
        new TarBuilder().file("b", "2"));

    FileTree lower = analysis.squashed(0);

    assertThat(lower.find("b")).isEmpty();
    assertThat(node(lower, "a").change()).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void squashedTreeMarksOnlyTopLayerChanges() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("a", "1"),
        new TarBuilder().file("b", "2"));

    FileTree tree = analysis.squashed(1);

    assertThat(node(tree, "a").change()).isEqualTo(ChangeKind.UNCHANGED);
    assertThat(node(tree, "b").change()).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void whiteoutDeletesLowerFile() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("tmp/cache", "x").file("tmp/keep", "y"),
        new TarBuilder().whiteout("tmp/cache"));

    FileTree tree = analysis.squashed(1);

    assertThat(tree.find("tmp/cache")).isEmpty();
    assertThat(tree.find("tmp/keep")).isPresent();
  }

  @Test
  void whiteoutDoesNotDeleteSameLayerEntry() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("a", "x"),
        new TarBuilder().file("a", "again").whiteout("a"));

    assertThat(node(analysis.squashed(1), "a").entry().size()).isEqualTo(5);
  }

  @Test
  void whiteoutOfDirectoryDeletesItsSubtree() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().dir("var/lib/apt").file("var/lib/apt/lists/a", "x"),
        new TarBuilder().whiteout("var/lib/apt"));

    FileTree tree = analysis.squashed(1);

    assertThat(tree.find("var/lib/apt")).isEmpty();
    assertThat(tree.find("var/lib")).isPresent();
  }

  @Test
  void opaqueWhiteoutHidesLowerChildrenOnly() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().dir("app").file("app/old", "x").file("other", "y"),
        new TarBuilder().dir("app").opaque("app").file("app/new", "z"));

    FileTree tree = analysis.squashed(1);

    assertThat(tree.find("app/old")).isEmpty();
    assertThat(tree.find("app/new")).isPresent();
    assertThat(tree.find("other")).isPresent();
  }

  @Test
  void opaqueMarkerBeforeDirectoryHidesChildren() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("app/old", "x"),
        new TarBuilder().opaque("app").file("app/new", "z").dir("app"));

    assertThat(childNames(node(analysis.squashed(1), "app"))).containsExactly("new");
  }

  @Test
  void directoryReplacedByFileHidesEverythingBelow() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("opt/tool/bin/run", "x"),
        new TarBuilder().file("opt/tool", "now a file"));

    FileTree tree = analysis.squashed(1);

    assertThat(node(tree, "opt/tool").isDirectory()).isFalse();
    assertThat(tree.find("opt/tool/bin/run")).isEmpty();
  }

  @Test
  void directoryReplacedBySymlinkHidesEverythingBelow() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("lib/x.so", "x"),
        new TarBuilder().symlink("lib", "usr/lib"));

    FileTree tree = analysis.squashed(1);

    assertThat(node(tree, "lib").entry().type()).isEqualTo(EntryType.SYMLINK);
    assertThat(node(tree, "lib").children()).isEmpty();
  }

  @Test
  void directoryOverDirectoryKeepsChildren() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().dir("etc").file("etc/hosts", "x"),
        new TarBuilder().dir("etc", 0700));

    TreeNode etc = node(analysis.squashed(1), "etc");

    assertThat(etc.entry().mode()).isEqualTo(0700);
    assertThat(childNames(etc)).containsExactly("hosts");
    assertThat(etc.change()).isEqualTo(ChangeKind.MODIFIED);
  }

  @Test
  void entryBelowReplacedDirectoryLandsInNewDirectory() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder()
        .file("a/b/c", "x").file("a/b", "now a file").file("a/b/d", "y"));

    FileTree tree = analysis.squashed(0);

    assertThat(node(tree, "a/b").isDirectory()).isTrue();
    assertThat(childNames(node(tree, "a/b"))).containsExactly("d");
  }

  @Test
  void opaqueRootHidesAllLowerContent() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("old", "x").file("dir/old", "y"),
        new TarBuilder().opaque("").file("new", "z"));

    assertThat(childNames(analysis.squashed(1).root())).containsExactly("new");
  }

  @Test
  void nodeKnowsParentAndPath() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("x/y/z", "1"));

    TreeNode z = node(analysis.squashed(0), "x/y/z");

    assertThat(z.parent().path()).isEqualTo("x/y");
    assertThat(z.parent().parent().parent()).isEqualTo(analysis.squashed(0).root());
    assertThat(z.parent().parent().parent().parent()).isNull();
    assertThat(z.name()).isEqualTo("z");
  }

  @Test
  void missingParentDirectoriesAreImplied() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("a/b/c.txt", "x"));

    TreeNode b = node(analysis.squashed(0), "a/b");

    assertThat(b.isDirectory()).isTrue();
    assertThat(b.entry()).isNull();
    assertThat(b.path()).isEqualTo("a/b");
    assertThat(b.layer()).isEqualTo(0);
  }

  @Test
  void laterDuplicateInOneLayerWins() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("a", "first").file("a", "second!"));

    TreeNode a = node(analysis.squashed(0), "a");

    assertThat(a.entry().size()).isEqualTo(7);
    assertThat(a.change()).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void sizesAndFileCountsAddUpRecursively() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder()
        .file("usr/a", "12345").file("usr/lib/b", "123").symlink("usr/lib/c", "b").dir("usr/empty"));

    FileTree tree = analysis.squashed(0);

    assertThat(node(tree, "usr").totalSize()).isEqualTo(8);
    assertThat(node(tree, "usr").fileCount()).isEqualTo(3);
    assertThat(node(tree, "usr/lib").totalSize()).isEqualTo(3);
    assertThat(tree.totalSize()).isEqualTo(8);
    assertThat(tree.entryCount()).isEqualTo(6);
  }

  @Test
  void childrenAreSortedByName() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("d/zeta", "").file("d/Alpha", "").file("d/beta", ""));

    assertThat(childNames(node(analysis.squashed(0), "d"))).containsExactly("Alpha", "beta", "zeta");
  }

  @Test
  void findNormalizesItsArgument() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("etc/hosts", "x"));

    Optional<TreeNode> found = analysis.squashed(0).find("/etc//hosts/");

    assertThat(found).map(TreeNode::path).contains("etc/hosts");
  }

  @Test
  void findReturnsEmptyForPathBelowFile() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("etc/hosts", "x"));

    assertThat(analysis.squashed(0).find("etc/hosts/more")).isEmpty();
  }

  @Test
  void searchMatchesNamesIgnoringCaseInPathOrder() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder()
        .file("b/Readme.md", "").file("a/README", "").file("a/other", ""));

    List<TreeNode> found = analysis.squashed(0).search("readme", 10);

    assertThat(found).extracting(TreeNode::path).containsExactly("a/README", "b/Readme.md");
  }

  @Test
  void searchStopsAtMax() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("x1", "").file("x2", "").file("x3", ""));

    assertThat(analysis.squashed(0).search("x", 2)).hasSize(2);
  }

  @Test
  void searchWithSlashMatchesWholePath() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("usr/lib/x", "").file("lib/usr", ""));

    assertThat(analysis.squashed(0).search("usr/l", 10)).extracting(TreeNode::path).containsExactly("usr/lib", "usr/lib/x");
  }

  @Test
  void changesShowAddedAndModifiedEntries() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("etc/a", "1").file("etc/b", "2"),
        new TarBuilder().file("etc/a", "changed").file("etc/c", "3"));

    FileTree changes = analysis.changes(1);

    assertThat(node(changes, "etc/a").change()).isEqualTo(ChangeKind.MODIFIED);
    assertThat(node(changes, "etc/c").change()).isEqualTo(ChangeKind.ADDED);
    assertThat(changes.find("etc/b")).isEmpty();
    assertThat(node(changes, "etc").change()).isEqualTo(ChangeKind.UNCHANGED);
  }

  @Test
  void changesShowDeletedSubtree() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("cache/x", "12345").file("cache/y", "67"),
        new TarBuilder().whiteout("cache"));

    FileTree changes = analysis.changes(1);

    TreeNode cache = node(changes, "cache");
    assertThat(cache.change()).isEqualTo(ChangeKind.DELETED);
    assertThat(node(changes, "cache/x").change()).isEqualTo(ChangeKind.DELETED);
    assertThat(cache.totalSize()).isEqualTo(7);
    assertThat(changes.totalSize()).isZero();
  }

  @Test
  void changesShowChildrenHiddenByOpaqueDirectory() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("app/old", "x").file("app/kept", "y"),
        new TarBuilder().opaque("app").file("app/kept", "y2").file("app/new", "z"));

    FileTree changes = analysis.changes(1);

    assertThat(node(changes, "app/old").change()).isEqualTo(ChangeKind.DELETED);
    assertThat(node(changes, "app/kept").change()).isEqualTo(ChangeKind.MODIFIED);
    assertThat(node(changes, "app/new").change()).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void changesMarkDirectoryImpliedByLayerAsAdded() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("a", "x"),
        new TarBuilder().file("new/dir/file", "y"));

    assertThat(node(analysis.changes(1), "new/dir").change()).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void layerBeforeFirstIsEmptyTree() {
    ImageAnalysis analysis = new ImageAnalysis(new FakeImage(List.of()), List.of());

    FileTree empty = analysis.squashed(-1);

    assertThat(empty.entryCount()).isZero();
    assertThat(empty.root().children()).isEmpty();
  }

  @Test
  void unknownLayerIsRejected() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("a", "x"));

    assertThatThrownBy(() -> analysis.squashed(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 1 layers");
  }

  @Test
  void wasteCountsOverwrittenAndDeletedFiles() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("big", new byte[1000], 0644).file("tmp/x", new byte[300], 0644).file("keep", new byte[700], 0644),
        new TarBuilder().file("big", new byte[10], 0644).whiteout("tmp"));

    WasteReport waste = analysis.waste();

    assertThat(waste.wastedBytes()).isEqualTo(1300);
    assertThat(waste.imageBytes()).isEqualTo(2010);
    assertThat(waste.efficiency()).isEqualTo(1 - 1300.0 / 2010);
    assertThat(waste.files()).extracting(WastedFile::path).containsExactly("big", "tmp/x");
    assertThat(waste.files().get(0).layers()).containsExactly(0, 1);
    assertThat(waste.files().get(1).layers()).containsExactly(0);
  }

  @Test
  void wasteCountsDuplicateInOneLayer() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("a", new byte[50], 0644).file("a", new byte[5], 0644));

    assertThat(analysis.waste().wastedBytes()).isEqualTo(50);
  }

  @Test
  void wasteCountsFilesBelowReplacedDirectory() {
    ImageAnalysis analysis = Layers.analyze(
        new TarBuilder().file("d/x", new byte[40], 0644),
        new TarBuilder().file("d", new byte[1], 0644));

    assertThat(analysis.waste().files()).extracting(WastedFile::path).containsExactly("d/x");
  }

  @Test
  void imageWithoutWasteIsFullyEfficient() {
    ImageAnalysis analysis = Layers.analyze(new TarBuilder().file("a", "x"), new TarBuilder().file("b", "y"));

    assertThat(analysis.waste().efficiency()).isEqualTo(1.0);
    assertThat(analysis.waste().files()).isEmpty();
  }

  private static TreeNode node(FileTree tree, String path) {
    return tree.find(path).orElseThrow(() -> new AssertionError("no node " + path));
  }

  private static List<String> childNames(TreeNode node) {
    return node.children().stream().map(TreeNode::name).toList();
  }
}
