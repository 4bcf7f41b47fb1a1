package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.check.AccountDatabase.FileState;
import io.hullscope.check.AccountDatabase.GroupEntry;
import io.hullscope.check.AccountDatabase.PasswdEntry;
import io.hullscope.check.AccountFileCache.LayerFiles;
import io.hullscope.image.Digest;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FakeImage;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs {@link PasswdFiles} through the real indexer on layers built in memory. */
class PasswdFilesTest {

  private static final String ROOT_ONLY = "root:x:0:0:root:/root:/bin/sh\n";
  private static final String WITH_APP = ROOT_ONLY + "app:x:1000:1000::/home/app:/bin/sh\n";

  @Test
  void upperLayerVersionWins() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(),
        new TarBuilder().dir("etc").file("etc/passwd", ROOT_ONLY).file("etc/group", "root:x:0:\n"),
        new TarBuilder().dir("etc").file("etc/passwd", WITH_APP),
        new TarBuilder().dir("srv").file("srv/unrelated", "x"));

    assertThat(accounts.passwd()).isEqualTo(FileState.READ);
    assertThat(accounts.users()).extracting(PasswdEntry::name).containsExactly("root", "app");
    assertThat(accounts.group()).isEqualTo(FileState.READ);
    assertThat(accounts.groups()).extracting(GroupEntry::name).containsExactly("root");
    assertThat(accounts.warnings()).isEmpty();
  }

  @Test
  void whiteoutDeletesPasswd() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(),
        new TarBuilder().dir("etc").file("etc/passwd", WITH_APP),
        new TarBuilder().dir("etc").whiteout("etc/passwd"));

    assertThat(accounts.passwd()).isEqualTo(FileState.MISSING);
    assertThat(accounts.users()).isEmpty();
    assertThat(UserVerdict.of(TestConfigs.user("app"), accounts).outcome())
        .isEqualTo(UserVerdict.Outcome.FAILS_TO_START);
  }

  @Test
  void opaqueFolderHidesPasswd() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(),
        new TarBuilder().dir("etc").file("etc/passwd", WITH_APP),
        new TarBuilder().dir("etc").opaque("etc").file("etc/hostname", "box\n"));

    assertThat(accounts.passwd()).isEqualTo(FileState.MISSING);
  }

  @Test
  void passwdRestoredAfterWhiteoutIsRead() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(),
        new TarBuilder().dir("etc").file("etc/passwd", WITH_APP),
        new TarBuilder().dir("etc").whiteout("etc/passwd"),
        new TarBuilder().dir("etc").file("etc/passwd", ROOT_ONLY));

    assertThat(accounts.users()).extracting(PasswdEntry::name).containsExactly("root");
  }

  @Test
  void oversizedPasswdBecomesWarning() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(64, AccountFileCache.NONE),
        new TarBuilder().dir("etc").file("etc/passwd", WITH_APP.repeat(10)).file("etc/group", "root:x:0:\n"));

    assertThat(accounts.passwd()).isEqualTo(FileState.UNREADABLE);
    assertThat(accounts.users()).isEmpty();
    assertThat(accounts.warnings()).singleElement().asString()
        .isEqualTo("/etc/passwd is " + WITH_APP.length() * 10 + " bytes, more than the limit of 64 bytes, so its"
            + " accounts are ignored");
    assertThat(accounts.group()).isEqualTo(FileState.READ);
  }

  @Test
  void hugeUpperPasswdHidesSmallLowerOne() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(4096, AccountFileCache.NONE),
        new TarBuilder().dir("etc").file("etc/passwd", WITH_APP),
        new TarBuilder().dir("etc").file("etc/passwd", new byte[1 << 20], 0644));

    assertThat(accounts.passwd()).isEqualTo(FileState.UNREADABLE);
    assertThat(accounts.users()).isEmpty();
    assertThat(accounts.warnings()).singleElement().asString().contains("1048576 bytes", "limit of 4096 bytes");
  }

  @Test
  void binaryPasswdBecomesWarning() throws IOException {
    byte[] garbage = new byte[300];
    new java.util.Random(5).nextBytes(garbage);
    garbage[10] = 0;

    AccountDatabase accounts =
        read(new PasswdFiles(), new TarBuilder().dir("etc").file("etc/passwd", garbage, 0644));

    assertThat(accounts.passwd()).isEqualTo(FileState.UNREADABLE);
    assertThat(accounts.warnings()).singleElement().asString().startsWith("/etc/passwd is not a text file");
    assertThat(UserVerdict.of(TestConfigs.user("app"), accounts).outcome()).isEqualTo(UserVerdict.Outcome.UNKNOWN);
  }

  @Test
  void symlinkedPasswdIsNotFollowed() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(),
        new TarBuilder().dir("etc").dir("usr").file("usr/passwd", WITH_APP).symlink("etc/passwd", "../usr/passwd"));

    assertThat(accounts.passwd()).isEqualTo(FileState.UNREADABLE);
    assertThat(accounts.warnings()).singleElement().asString()
        .isEqualTo("/etc/passwd is a symlink to ../usr/passwd, which is not followed, so its accounts are not known");
  }

  @Test
  void hardlinkedPasswdIsNotFollowed() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(),
        new TarBuilder().dir("etc").file("etc/passwd.real", WITH_APP).hardlink("etc/passwd", "etc/passwd.real"));

    assertThat(accounts.passwd()).isEqualTo(FileState.UNREADABLE);
    assertThat(accounts.warnings()).singleElement().asString()
        .startsWith("/etc/passwd is a hardlink to etc/passwd.real");
  }

  @Test
  void unnormalizedEntryNamesAreFound() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(),
        new TarBuilder().dir("./etc").file("./etc/passwd", ROOT_ONLY).file("/etc/group", "root:x:0:\n"),
        new TarBuilder().file("etc/../etc/passwd", WITH_APP));

    assertThat(accounts.users()).extracting(PasswdEntry::name).containsExactly("root", "app");
    assertThat(accounts.groups()).extracting(GroupEntry::name).containsExactly("root");
  }

  @Test
  void passwdFolderIsIgnored() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(), new TarBuilder().dir("etc").dir("etc/passwd"));

    assertThat(accounts.passwd()).isEqualTo(FileState.UNREADABLE);
    assertThat(accounts.warnings()).singleElement().asString().contains("directory");
  }

  @Test
  void imageWithoutEtcHasNoAccounts() throws IOException {
    AccountDatabase accounts = read(new PasswdFiles(), new TarBuilder().file("app", "binary"));

    assertThat(accounts).isEqualTo(AccountDatabase.NONE);
  }

  @Test
  void unregisteredCollectorFails() throws IOException {
    ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT)
        .analyze(FakeImage.of(new TarBuilder().dir("etc").file("etc/passwd", ROOT_ONLY)), ProgressListener.NONE);

    assertThatThrownBy(() -> new PasswdFiles().database(analysis))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("layer 1 was not read for /etc/passwd");
  }

  @Test
  void cachedLayersAreNotStreamedAgain() throws IOException {
    MemoryAccountCache accountCache = new MemoryAccountCache();
    MemoryIndexCache indexCache = new MemoryIndexCache();
    FakeImage image = FakeImage.of(
        new TarBuilder().dir("etc").file("etc/passwd", ROOT_ONLY),
        new TarBuilder().dir("etc").file("etc/passwd", WITH_APP).file("etc/group", "app:x:1000:\n"),
        new TarBuilder().dir("srv").file("srv/big", "x".repeat(200)).dir("etc").file("etc/group", "g".repeat(100)));

    PasswdFiles first = new PasswdFiles(80, accountCache);
    AccountDatabase firstAccounts = first.database(
        new ImageIndexer(indexCache, Limits.DEFAULT, List.of(first)).analyze(image, ProgressListener.NONE));
    PasswdFiles second = new PasswdFiles(80, accountCache);
    AccountDatabase secondAccounts = second.database(
        new ImageIndexer(indexCache, Limits.DEFAULT, List.of(second)).analyze(image, ProgressListener.NONE));

    assertThat(accountCache.files).hasSize(3);
    assertThat(image.layer(0).opens.get()).isEqualTo(1);
    assertThat(image.layer(1).opens.get()).isEqualTo(1);
    assertThat(image.layer(2).opens.get()).isEqualTo(1);
    assertThat(secondAccounts).isEqualTo(firstAccounts);
    assertThat(secondAccounts.passwd()).isEqualTo(FileState.READ);
    assertThat(secondAccounts.users()).extracting(PasswdEntry::name).containsExactly("root", "app");
    assertThat(secondAccounts.group()).isEqualTo(FileState.UNREADABLE);
    assertThat(secondAccounts.warnings()).singleElement().asString().contains("/etc/group", "limit of 80 bytes");
  }

  @Test
  void cacheWithOtherLimitIsIgnored() throws IOException {
    MemoryAccountCache accountCache = new MemoryAccountCache();
    MemoryIndexCache indexCache = new MemoryIndexCache();
    FakeImage image = FakeImage.of(new TarBuilder().dir("etc").file("etc/passwd", WITH_APP));

    PasswdFiles small = new PasswdFiles(16, accountCache);
    AccountDatabase smallAccounts = small.database(
        new ImageIndexer(indexCache, Limits.DEFAULT, List.of(small)).analyze(image, ProgressListener.NONE));
    PasswdFiles large = new PasswdFiles(4096, accountCache);
    AccountDatabase largeAccounts = large.database(
        new ImageIndexer(indexCache, Limits.DEFAULT, List.of(large)).analyze(image, ProgressListener.NONE));

    assertThat(smallAccounts.passwd()).isEqualTo(FileState.UNREADABLE);
    assertThat(largeAccounts.passwd()).isEqualTo(FileState.READ);
    assertThat(largeAccounts.users()).extracting(PasswdEntry::name).containsExactly("root", "app");
    assertThat(image.layer(0).opens.get()).isEqualTo(2);
  }

  @Test
  void zeroLimitIsRejected() {
    assertThatThrownBy(() -> new PasswdFiles(0, AccountFileCache.NONE)).isInstanceOf(IllegalArgumentException.class);
  }

  /** An account file cache in memory. */
  private static final class MemoryAccountCache implements AccountFileCache {
    final Map<Digest, LayerFiles> files = new HashMap<>();

    @Override
    public Optional<LayerFiles> get(Digest diffId) {
      return Optional.ofNullable(files.get(diffId));
    }

    @Override
    public void put(Digest diffId, LayerFiles layerFiles) {
      files.put(diffId, layerFiles);
    }
  }

  /** A layer index cache in memory. */
  private static final class MemoryIndexCache implements LayerIndexCache {
    final Map<Digest, LayerIndex> indexes = new HashMap<>();

    @Override
    public Optional<LayerIndex> get(Digest diffId) {
      return Optional.ofNullable(indexes.get(diffId));
    }

    @Override
    public void put(LayerIndex index) {
      indexes.put(index.diffId(), index);
    }
  }

  private static AccountDatabase read(PasswdFiles files, TarBuilder... layers) throws IOException {
    ImageIndexer indexer = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(files));
    return files.database(indexer.analyze(FakeImage.of(layers), ProgressListener.NONE));
  }
}
