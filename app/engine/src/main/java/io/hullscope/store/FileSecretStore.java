package io.hullscope.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each secret in its own file under a folder that only the owner may open, by default {@code
 * AppPaths.dataDir()/secrets}.
 *
 * <p>On POSIX file systems the folder is created with mode 0700 and each file with mode 0600. The
 * mode is given to the system call that creates the file, so no other user except root can read it,
 * not even for a moment. A secret is written to a new temporary file and then moved over the old
 * one, so a failed write leaves the previous secret intact. A temporary file that a crash left
 * behind is deleted by a later store once it is ten minutes old. A secret file that group or others
 * may read is rejected. On file systems with ACLs but no POSIX modes (Windows), files and the folder
 * are created with one ACL entry that grants the owner full access. File systems with neither are
 * rejected.
 *
 * <p>File names are the SHA-256 of the connection name in hex, so any name maps to a fixed-length
 * name inside the folder and no name can reach outside it.
 */
public final class FileSecretStore implements SecretStore {

  /** Default maximum size of one secret file in bytes, far above the length of a Harbor secret. */
  public static final int DEFAULT_MAX_SECRET_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(FileSecretStore.class);
  private static final String SUFFIX = ".secret";
  private static final String TEMPORARY_SUFFIX = ".tmp";
  /** Age after which a temporary file counts as left by a crashed write, chosen far above a normal write. */
  private static final Duration STALE_TEMPORARY_AGE = Duration.ofMinutes(10);
  private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final Path folder;
  private final int maxSecretBytes;

  /** Creates a store in {@code folder} with the default size limit. The folder is created on first write. */
  public FileSecretStore(Path folder) {
    this(folder, DEFAULT_MAX_SECRET_BYTES);
  }

  /** Creates a store in {@code folder} that rejects secrets longer than {@code maxSecretBytes} in UTF-8. */
  public FileSecretStore(Path folder, int maxSecretBytes) {
    if (maxSecretBytes < 1) {
      throw new IllegalArgumentException("maxSecretBytes must be at least 1, got " + maxSecretBytes);
    }
    this.folder = folder.toAbsolutePath();
    this.maxSecretBytes = maxSecretBytes;
  }

  /** Returns the store in {@code AppPaths.dataDir()/secrets}. */
  public static FileSecretStore inDataDir() {
    return new FileSecretStore(AppPaths.dataDir().resolve("secrets"));
  }

  /** Returns the folder that contains the secret files. */
  public Path folder() {
    return folder;
  }

  /** Returns the file that keeps the secret of {@code connectionName}, whether or not it exists. */
  public Path fileFor(String connectionName) {
    return folder.resolve(fileName(connectionName));
  }

  @Override
  public void store(String connectionName, String secret) throws IOException {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxSecretBytes) {
      throw new IOException("The secret of connection '" + connectionName + "' is " + bytes.length
          + " bytes, more than the limit of " + maxSecretBytes + " bytes");
    }
    createFolder();
    deleteStaleTemporaryFiles();
    Path target = fileFor(connectionName);
    Path temporary = folder.resolve(UUID.randomUUID() + TEMPORARY_SUFFIX);
    try {
      try (SeekableByteChannel channel = Files.newByteChannel(temporary,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(false))) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(temporary);
      throw new IOException("Cannot store the secret of connection '" + connectionName + "' in " + target
          + ": " + e.getMessage(), e);
    }
    log.debug("Stored the secret of connection '{}' in {}", connectionName, target);
  }

  @Override
  public String get(String connectionName) throws IOException {
    Path file = fileFor(connectionName);
    byte[] bytes;
    try {
      checkNotShared(connectionName, file);
      bytes = readAtMost(file, maxSecretBytes + 1);
    } catch (NoSuchFileException e) {
      throw new SecretNotFoundException(connectionName, "No secret is stored for connection '" + connectionName
          + "' (expected the file " + file + "); enter the secret again");
    } catch (AccessDeniedException e) {
      throw new IOException("Cannot read the secret of connection '" + connectionName + "': permission denied on "
          + file + "; the file must belong to the user who runs Hullscope", e);
    } catch (SharedSecretFileException e) {
      throw new IOException(e.getMessage());
    } catch (IOException e) {
      throw new IOException("Cannot read the secret of connection '" + connectionName + "' from " + file + ": "
          + e.getMessage(), e);
    }
    if (bytes.length > maxSecretBytes) {
      throw new IOException("The secret file " + file + " of connection '" + connectionName
          + "' is larger than the limit of " + maxSecretBytes + " bytes; store the secret again");
    }
    return decode(connectionName, file, bytes);
  }

  @Override
  public boolean delete(String connectionName) throws IOException {
    Path file = fileFor(connectionName);
    try {
      boolean deleted = Files.deleteIfExists(file);
      if (deleted) {
        log.debug("Deleted the secret of connection '{}' from {}", connectionName, file);
      }
      return deleted;
    } catch (IOException e) {
      throw new IOException("Cannot delete the secret of connection '" + connectionName + "' in " + file + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public String description() {
    return "owner-only files in " + folder;
  }

  @Override
  public String toString() {
    return "FileSecretStore[" + folder + "]";
  }

  private void createFolder() throws IOException {
    Path parent = folder.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(folder, ownerOnly(true));
      log.info("Created the secret folder {}", folder);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("The secret folder " + folder + " exists but is not a folder; move it away", e);
      }
      tightenFolder();
    }
  }

  /** Deletes temporary files that a crashed write left behind, because each may contain a secret. */
  private void deleteStaleTemporaryFiles() {
    Instant cutoff = Instant.now().minus(STALE_TEMPORARY_AGE);
    try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(folder, "*" + TEMPORARY_SUFFIX)) {
      for (Path temporary : temporaries) {
        if (Files.getLastModifiedTime(temporary, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(temporary);
          log.info("Deleted the temporary secret file {} left by an earlier failed write", temporary);
        }
      }
    } catch (IOException e) {
      log.warn("Cannot clean up temporary secret files in {}: {}", folder, e.getMessage());
    }
  }

  /** Removes group and other access from an existing folder, which an older version or a user may have left open. */
  private void tightenFolder() throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(folder, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (posix == null) {
      return;
    }
    Set<PosixFilePermission> mode = posix.readAttributes().permissions();
    if (!Collections.disjoint(mode, OTHERS)) {
      posix.setPermissions(FOLDER_MODE);
      log.warn("The secret folder {} was open to other users ({}); set it to rwx------", folder,
          PosixFilePermissions.toString(mode));
    }
  }

  private void checkNotShared(String connectionName, Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (posix == null) {
      return;
    }
    Set<PosixFilePermission> mode = posix.readAttributes().permissions();
    if (!Collections.disjoint(mode, OTHERS)) {
      throw new SharedSecretFileException("The secret file " + file + " of connection '" + connectionName
          + "' can be opened by other users (" + PosixFilePermissions.toString(mode) + "); run chmod 600 on it"
          + " or store the secret again");
    }
  }

  /** Returns the attribute that creates a file or folder for its owner only on this file system. */
  private FileAttribute<?> ownerOnly(boolean isFolder) throws IOException {
    Set<String> views = folder.getFileSystem().supportedFileAttributeViews();
    if (views.contains("posix")) {
      return PosixFilePermissions.asFileAttribute(isFolder ? FOLDER_MODE : FILE_MODE);
    }
    if (views.contains("acl")) {
      // NOTE: this branch is for Windows and has not been run by the tests, which run on Linux.
      UserPrincipal owner = folder.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
      AclEntry entry = AclEntry.newBuilder()
          .setType(AclEntryType.ALLOW)
          .setPrincipal(owner)
          .setPermissions(EnumSet.allOf(AclEntryPermission.class))
          .build();
      List<AclEntry> acl = List.of(entry);
      return new FileAttribute<List<AclEntry>>() {
        @Override
        public String name() {
          return "acl:acl";
        }

        @Override
        public List<AclEntry> value() {
          return acl;
        }
      };
    }
    throw new IOException("The file system of " + folder + " supports neither POSIX permissions nor ACLs, so"
        + " secrets cannot be kept private there; set -D" + AppPaths.DATA_PROPERTY + " to a folder on another"
        + " file system");
  }

  private static byte[] readAtMost(Path file, int limit) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes(limit);
    }
  }

  /** Marks the rejection of a secret file that others may read, so that {@link #get} does not wrap it twice. */
  private static final class SharedSecretFileException extends IOException {
    private static final long serialVersionUID = 1L;

    SharedSecretFileException(String message) {
      super(message);
    }
  }

  private static String decode(String connectionName, Path file, byte[] bytes) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("The secret file " + file + " of connection '" + connectionName
          + "' is not valid UTF-8; store the secret again", e);
    }
  }

  private static String fileName(String connectionName) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(connectionName.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash) + SUFFIX;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
