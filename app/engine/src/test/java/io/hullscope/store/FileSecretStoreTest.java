package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSecretStoreTest {

  private static final String SECRET = "s3cr3t-4d1f7b-ünïcode";

  @TempDir
  Path temp;

  private Path folder;
  private FileSecretStore store;

  @BeforeEach
  void setUp() {
    assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
    folder = temp.resolve("data/secrets");
    store = new FileSecretStore(folder);
  }

  @Test
  void storedSecretReadsBack() throws IOException {
    store.store("prod", SECRET);

    assertThat(store.get("prod")).isEqualTo(SECRET);
  }

  @Test
  void storeReplacesOldSecret() throws IOException {
    store.store("prod", "old-secret");
    store.store("prod", SECRET);

    assertThat(store.get("prod")).isEqualTo(SECRET);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).containsExactly(store.fileFor("prod"));
    }
  }

  @Test
  void secretFileIsOwnerOnly() throws IOException {
    store.store("prod", SECRET);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileFor("prod"))))
        .isEqualTo("rw-------");
  }

  @Test
  void secretFolderIsOwnerOnly() throws IOException {
    store.store("prod", SECRET);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
  }

  @Test
  void openExistingFolderIsTightened() throws IOException {
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

    store.store("prod", SECRET);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
  }

  @Test
  void staleTemporaryFileIsDeleted() throws IOException {
    store.store("prod", SECRET);
    Path stale = folder.resolve("left-by-crash.tmp");
    Path fresh = folder.resolve("being-written.tmp");
    Files.writeString(stale, SECRET);
    Files.writeString(fresh, SECRET);
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    store.store("other", "other-secret");

    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
    assertThat(store.get("prod")).isEqualTo(SECRET);
  }

  @Test
  void secretFileHoldsOnlyTheSecret() throws IOException {
    store.store("prod", SECRET);

    assertThat(Files.readAllBytes(store.fileFor("prod"))).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void deleteRemovesSecretFile() throws IOException {
    store.store("prod", SECRET);

    assertThat(store.delete("prod")).isTrue();
    assertThat(store.fileFor("prod")).doesNotExist();
    assertThat(store.delete("prod")).isFalse();
  }

  @Test
  void missingSecretNamesConnection() {
    assertThatThrownBy(() -> store.get("prod"))
        .isInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining("'prod'")
        .hasMessageContaining("enter the secret again");
  }

  @Test
  void missingSecretExceptionCarriesName() {
    assertThatThrownBy(() -> store.get("prod"))
        .isInstanceOfSatisfying(SecretNotFoundException.class,
            e -> assertThat(e.connectionName()).isEqualTo("prod"));
  }

  @Test
  void unreadableSecretNamesConnection() throws IOException {
    // A folder where the file should be fails to read even for root, unlike a file with mode 000.
    Files.createDirectories(store.fileFor("prod"));
    Files.setPosixFilePermissions(store.fileFor("prod"), PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(() -> store.get("prod"))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining("'prod'")
        .hasMessageContaining(store.fileFor("prod").toString());
  }

  @Test
  void permissionDeniedNamesConnection() throws IOException {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads files with mode 000");
    store.store("prod", SECRET);
    Files.setPosixFilePermissions(store.fileFor("prod"), PosixFilePermissions.fromString("---------"));

    assertThatThrownBy(() -> store.get("prod"))
        .hasMessageContaining("'prod'")
        .hasMessageContaining("permission denied");
  }

  @Test
  void sharedSecretFileIsRejected() throws IOException {
    store.store("prod", SECRET);
    Files.setPosixFilePermissions(store.fileFor("prod"), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> store.get("prod"))
        .hasMessageContaining("'prod'")
        .hasMessageContaining("chmod 600")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void symlinkedSecretFileIsRejected() throws IOException {
    Path elsewhere = temp.resolve("elsewhere");
    Files.writeString(elsewhere, SECRET);
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
    Files.createDirectories(folder);
    Files.createSymbolicLink(store.fileFor("prod"), elsewhere);

    assertThatThrownBy(() -> store.get("prod"))
        .hasMessageContaining("'prod'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void oversizedSecretIsRejectedOnStore() {
    FileSecretStore small = new FileSecretStore(folder, 8);

    assertThatThrownBy(() -> small.store("prod", "123456789"))
        .hasMessageContaining("'prod'")
        .hasMessageContaining("limit of 8 bytes")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("123456789"));
    assertThat(small.fileFor("prod")).doesNotExist();
  }

  @Test
  void oversizedSecretFileIsRejectedOnRead() throws IOException {
    store.store("prod", "x".repeat(100));
    FileSecretStore small = new FileSecretStore(folder, 10);

    assertThatThrownBy(() -> small.get("prod"))
        .hasMessageContaining("'prod'")
        .hasMessageContaining("larger than the limit of 10 bytes");
  }

  @Test
  void binaryGarbageIsRejected() throws IOException {
    store.store("prod", SECRET);
    Files.write(store.fileFor("prod"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3});

    assertThatThrownBy(() -> store.get("prod"))
        .hasMessageContaining("'prod'")
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void emptySecretReadsBackEmpty() throws IOException {
    store.store("prod", "");

    assertThat(store.get("prod")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../escape", "/etc/passwd", "a/b\\c", "..", "", "nul\u0000byte"})
  void anyNameStaysInsideFolder(String name) throws IOException {
    store.store(name, SECRET);

    assertThat(store.fileFor(name).getParent()).isEqualTo(folder);
    assertThat(store.get(name)).isEqualTo(SECRET);
  }

  @Test
  void namesDoNotShareFiles() throws IOException {
    store.store("a", "secret-a");
    store.store("b", "secret-b");

    assertThat(store.get("a")).isEqualTo("secret-a");
    assertThat(store.get("b")).isEqualTo("secret-b");
  }

  @Test
  void folderBlockedByFileIsReported() throws IOException {
    Files.createDirectories(folder.getParent());
    Files.writeString(folder, "not a folder");

    assertThatThrownBy(() -> store.store("prod", SECRET))
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("not a folder");
  }

  @Test
  void toStringLeavesSecretOut() throws IOException {
    store.store("prod", SECRET);

    assertThat(store.toString()).doesNotContain(SECRET);
    assertThat(store.description()).doesNotContain(SECRET);
  }
}
