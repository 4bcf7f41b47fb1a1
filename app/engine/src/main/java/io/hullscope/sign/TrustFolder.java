package io.hullscope.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The trust settings stored as files, shared by the desktop's trust dialog and {@code hullscope
 * verify}. Layout (every part optional; a missing folder trusts nothing):
 *
 * <pre>
 * keys/*.pem            cosign public keys (PEM PUBLIC KEY)
 * roots/*.pem|crt|cer   root certificates for notation and bring-your-own PKI (PEM or DER)
 * rekor/*.pem           Rekor log public keys
 * trusted_root.json     a Sigstore trusted root (Fulcio CAs, Rekor keys)
 * identities.yaml       expected keyless signers, see {@link IdentityFile}
 * </pre>
 *
 * <p>Verdicts name the file of the key or root that matched, or the identity's name. Other files
 * and subfolders are ignored. Writes go to a temporary file that is then moved in place, so a
 * reader never sees half a file.
 */
public final class TrustFolder {

  /** Name of the trust folder inside the data folder. */
  public static final String DEFAULT_NAME = "trust";
  public static final String KEYS = "keys";
  public static final String ROOTS = "roots";
  public static final String REKOR = "rekor";
  public static final String TRUSTED_ROOT = "trusted_root.json";
  public static final String IDENTITIES = "identities.yaml";

  /** Maximum number of files read from one subfolder. */
  public static final int MAX_FILES = 1000;

  // Names are plain file names, so a caller cannot write outside the folder.
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final String KEY_GLOB = "*.pem";
  private static final String ROOT_GLOB = "*.{pem,crt,cer}";

  private final Path folder;

  /** Creates a reader and writer for {@code folder}, which need not exist yet. */
  public TrustFolder(Path folder) {
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }

  /**
   * Reads the whole folder into a policy.
   *
   * @throws IOException naming the file (and the line, for {@code identities.yaml}) of every invalid file
   */
  public TrustPolicy load() throws IOException {
    List<String> problems = new ArrayList<>();
    List<TrustedKey> keys = new ArrayList<>();
    for (Path file : files(KEYS, KEY_GLOB)) {
      try {
        keys.add(new TrustedKey(file.getFileName().toString(), TrustPolicyFiles.publicKey(file)));
      } catch (IOException e) {
        problems.add(e.getMessage());
      }
    }
    List<X509Certificate> roots = new ArrayList<>();
    Map<X509Certificate, String> rootSources = new HashMap<>();
    for (Path file : files(ROOTS, ROOT_GLOB)) {
      try {
        for (X509Certificate root : PemFiles.certificates(TrustPolicyFiles.read(file))) {
          roots.add(root);
          rootSources.putIfAbsent(root, file.getFileName().toString());
        }
      } catch (GeneralSecurityException e) {
        problems.add("certificate file " + file + " is invalid: " + e.getMessage());
      } catch (IOException e) {
        problems.add(e.getMessage());
      }
    }
    List<PublicKey> rekorKeys = new ArrayList<>();
    for (Path file : files(REKOR, KEY_GLOB)) {
      try {
        rekorKeys.add(TrustPolicyFiles.publicKey(file));
      } catch (IOException e) {
        problems.add(e.getMessage());
      }
    }
    List<IdentityRule> identities = List.of();
    try {
      identities = identities();
    } catch (IOException e) {
      problems.add(e.getMessage());
    }
    Path trustedRoot = folder.resolve(TRUSTED_ROOT);
    if (Files.exists(trustedRoot)) {
      try {
        SigstoreTrustedRoot.read(trustedRoot);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        problems.add("Sigstore trusted root " + trustedRoot + " is invalid: " + e.getMessage());
      }
    } else {
      trustedRoot = null;
    }
    if (!problems.isEmpty()) {
      throw new IOException("the trust folder " + folder + " has invalid files: " + String.join("; ", problems));
    }
    return new TrustPolicy(keys, roots, identities, rekorKeys, trustedRoot, rootSources);
  }

  /** Returns the rules of {@code identities.yaml}, or none when the file does not exist. */
  public List<IdentityRule> identities() throws IOException {
    Path file = folder.resolve(IDENTITIES);
    if (!Files.exists(file)) {
      return List.of();
    }
    if (Files.size(file) > IdentityFile.MAX_BYTES) {
      throw new IOException(file + ": the file is larger than " + IdentityFile.MAX_BYTES + " bytes");
    }
    return IdentityFile.parse(file.toString(), Files.readAllBytes(file));
  }

  /** Returns the file names in {@code keys/}, sorted. */
  public List<String> keyFiles() throws IOException {
    return names(files(KEYS, KEY_GLOB));
  }

  /** Returns the file names in {@code roots/}, sorted. */
  public List<String> rootFiles() throws IOException {
    return names(files(ROOTS, ROOT_GLOB));
  }

  /** Returns the file names in {@code rekor/}, sorted. */
  public List<String> rekorKeyFiles() throws IOException {
    return names(files(REKOR, KEY_GLOB));
  }

  /**
   * Saves a cosign public key as {@code keys/<fileName>} after checking that it parses.
   *
   * @param fileName a plain file name ending in {@code .pem}
   * @throws FileAlreadyExistsException when a key of that name exists
   */
  public Path saveKey(String fileName, String pem) throws IOException {
    checkName(fileName, KEY_GLOB);
    parseKey(fileName, pem);
    return writeNew(folder.resolve(KEYS), fileName, pem.getBytes(StandardCharsets.UTF_8));
  }

  /** Saves a Rekor public key as {@code rekor/<fileName>}, like {@link #saveKey}. */
  public Path saveRekorKey(String fileName, String pem) throws IOException {
    checkName(fileName, KEY_GLOB);
    parseKey(fileName, pem);
    return writeNew(folder.resolve(REKOR), fileName, pem.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Saves root certificates (PEM or DER) as {@code roots/<fileName>} after checking that they parse.
   *
   * @param fileName a plain file name ending in {@code .pem}, {@code .crt} or {@code .cer}
   */
  public Path saveRoot(String fileName, byte[] certificates) throws IOException {
    checkName(fileName, ROOT_GLOB);
    try {
      if (PemFiles.certificates(certificates).isEmpty()) {
        throw new IOException(fileName + " contains no certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(fileName + " is not a valid certificate file: " + e.getMessage(), e);
    }
    return writeNew(folder.resolve(ROOTS), fileName, certificates);
  }

  /** Saves (or replaces) {@code trusted_root.json} after checking that it reads as a Sigstore trusted root. */
  public Path saveTrustedRoot(byte[] json) throws IOException {
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, ".trusted_root", ".tmp");
    try {
      Files.write(temporary, json);
      SigstoreTrustedRoot.read(temporary);
      return Files.move(temporary, folder.resolve(TRUSTED_ROOT), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException("the Sigstore trusted root is invalid: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Adds an identity to {@code identities.yaml}.
   *
   * @throws IllegalArgumentException when the rule has no name or the name is already used
   */
  public void saveIdentity(IdentityRule rule) throws IOException {
    if (rule.name() == null || rule.name().isBlank()) {
      throw new IllegalArgumentException("an identity in the trust folder needs a name");
    }
    List<IdentityRule> rules = new ArrayList<>(identities());
    if (rules.stream().anyMatch(existing -> existing.name().equals(rule.name()))) {
      throw new IllegalArgumentException("an identity named '" + rule.name() + "' already exists");
    }
    rules.add(rule);
    replace(folder, IDENTITIES, IdentityFile.write(rules));
  }

  /** Removes the identity named {@code name}; returns false when there is none. */
  public boolean removeIdentity(String name) throws IOException {
    List<IdentityRule> rules = new ArrayList<>(identities());
    if (!rules.removeIf(rule -> rule.name().equals(name))) {
      return false;
    }
    replace(folder, IDENTITIES, IdentityFile.write(rules));
    return true;
  }

  /** Deletes {@code keys/<fileName>}; returns false when it does not exist. */
  public boolean removeKey(String fileName) throws IOException {
    return delete(KEYS, fileName, KEY_GLOB);
  }

  /** Deletes {@code roots/<fileName>}; returns false when it does not exist. */
  public boolean removeRoot(String fileName) throws IOException {
    return delete(ROOTS, fileName, ROOT_GLOB);
  }

  /** Deletes {@code rekor/<fileName>}; returns false when it does not exist. */
  public boolean removeRekorKey(String fileName) throws IOException {
    return delete(REKOR, fileName, KEY_GLOB);
  }

  /** Deletes {@code trusted_root.json}; returns false when it does not exist. */
  public boolean removeTrustedRoot() throws IOException {
    return Files.deleteIfExists(folder.resolve(TRUSTED_ROOT));
  }

  private List<Path> files(String subfolder, String glob) throws IOException {
    Path directory = folder.resolve(subfolder);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
      for (Path file : stream) {
        if (!Files.isRegularFile(file)) {
          continue;
        }
        if (files.size() >= MAX_FILES) {
          throw new IOException("the folder " + directory + " has more than " + MAX_FILES + " files");
        }
        files.add(file);
      }
    }
    files.sort(null);
    return files;
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(file -> file.getFileName().toString()).toList();
  }

  private static void parseKey(String fileName, String pem) throws IOException {
    try {
      PemFiles.publicKey(pem);
    } catch (GeneralSecurityException e) {
      throw new IOException(fileName + " is not a valid public key: " + e.getMessage(), e);
    }
  }

  private static void checkName(String fileName, String glob) {
    boolean extension = glob.equals(KEY_GLOB) ? fileName.endsWith(".pem")
        : fileName.endsWith(".pem") || fileName.endsWith(".crt") || fileName.endsWith(".cer");
    if (!FILE_NAME.matcher(fileName).matches() || !extension) {
      throw new IllegalArgumentException("invalid file name '" + fileName + "': use letters, digits, '.', '_' and '-'"
          + (glob.equals(KEY_GLOB) ? ", ending in .pem" : ", ending in .pem, .crt or .cer"));
    }
  }

  private boolean delete(String subfolder, String fileName, String glob) throws IOException {
    checkName(fileName, glob);
    return Files.deleteIfExists(folder.resolve(subfolder).resolve(fileName));
  }

  private static Path writeNew(Path directory, String fileName, byte[] content) throws IOException {
    Path target = directory.resolve(fileName);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "remove it first to replace it");
    }
    return replace(directory, fileName, content);
  }

  private static Path replace(Path directory, String fileName, byte[] content) throws IOException {
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, "." + fileName, ".tmp");
    try {
      Files.write(temporary, content);
      return Files.move(temporary, directory.resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
