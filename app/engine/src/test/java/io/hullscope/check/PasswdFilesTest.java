package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.check.AccountDatabase.FileState;
import io.hullscope.check.AccountDatabase.GroupEntry;
import io.hullscope.check.AccountDatabase.PasswdEntry;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FakeImage;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.util.List;
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
    AccountDatabase accounts = read(new PasswdFiles(64),
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
    AccountDatabase accounts = read(new PasswdFiles(4096),
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
  void zeroLimitIsRejected() {
    assertThatThrownBy(() -> new PasswdFiles(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static AccountDatabase read(PasswdFiles files, TarBuilder... layers) throws IOException {
    ImageIndexer indexer = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(files));
    return files.database(indexer.analyze(FakeImage.of(layers), ProgressListener.NONE));
  }
}
