package io.hullscope.ui.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.hullscope.sign.TrustFolder;
import io.hullscope.sign.TrustPolicy;
import io.hullscope.sign.TrustPolicyFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the trust settings as files in one folder: {@code keys/*.pem}, {@code roots/*.{pem,crt,cer}},
 * {@code rekor/*.pem}, {@code trusted_root.json} and {@code identities.yaml}, a list of
 * {@code {name, subject | subjectPattern, issuer | issuerPattern}}.
 *
 * <p>Every file is checked before it is copied in, so only files changed outside Hullscope can
 * be invalid. Those are listed with their problem, and {@link #load()} then fails naming them.
 */
final class FolderTrustSettingsStore implements TrustSettingsStore {

  static final String KEYS = "keys";
  static final String ROOTS = "roots";
  static final String REKOR = "rekor";
  static final String TRUSTED_ROOT = "trusted_root.json";
  static final String IDENTITIES = "identities.yaml";

  /** Maximum size of {@code identities.yaml}; more than enough for thousands of identities. */
  static final long MAX_IDENTITIES_FILE = 1 << 20;
  /** Maximum number of files read from one settings folder and of identities. */
  static final int MAX_ITEMS = 1000;
  /** Maximum size of a certificate file read for the list; the engine applies the same limit when loading. */
  static final long MAX_CERTIFICATE_FILE = 1 << 20;

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final Path folder;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
  private final Clock clock;

  FolderTrustSettingsStore(Path folder) {
    this(folder, Clock.systemUTC());
  }

  FolderTrustSettingsStore(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  /**
   * Reads the policy with the engine's {@link TrustFolder}, the reader {@code hullscope verify}
   * uses, so the window and the command line trust exactly the same things.
   */
  @Override
  public TrustPolicy load() throws IOException {
    return new TrustFolder(folder).load();
  }

  @Override
  public List<TrustEntry> list() throws IOException {
    List<TrustEntry> entries = new ArrayList<>();
    for (Path file : files(KEYS, "*.pem")) {
      entries.add(keyEntry(TrustEntry.Type.KEY, file));
    }
    for (Path file : files(ROOTS, "*.{pem,crt,cer}")) {
      entries.add(rootEntry(file));
    }
    try {
      for (TrustedIdentity identity : readIdentities()) {
        entries.add(new TrustEntry(TrustEntry.Type.IDENTITY, identity.name(), identity.describe(), null));
      }
    } catch (IOException e) {
      entries.add(new TrustEntry(TrustEntry.Type.IDENTITY, IDENTITIES, "", e.getMessage()));
    }
    for (Path file : files(REKOR, "*.pem")) {
      entries.add(keyEntry(TrustEntry.Type.REKOR_KEY, file));
    }
    Path trustedRoot = folder.resolve(TRUSTED_ROOT);
    if (Files.exists(trustedRoot)) {
      String problem = null;
      try {
        TrustPolicyFiles.load(List.of(), null, List.of(), List.of(), trustedRoot);
      } catch (IOException e) {
        problem = e.getMessage();
      }
      entries.add(new TrustEntry(TrustEntry.Type.TRUSTED_ROOT, TRUSTED_ROOT,
          "Fulcio certificate authorities and Rekor keys for keyless signatures", problem));
    }
    return entries;
  }

  @Override
  public void addKey(Path file) throws IOException {
    addPublicKey(KEYS, file);
  }

  @Override
  public void addRekorKey(Path file) throws IOException {
    addPublicKey(REKOR, file);
  }

  private void addPublicKey(String subfolder, Path file) throws IOException {
    // Loading the single key gives the engine's own error for a file that is not a PEM public key.
    TrustPolicyFiles.load(List.of(file), null, List.of(), List.of(), null);
    String name = fileName(file);
    copyIn(file, subfolder, name.toLowerCase(Locale.ROOT).endsWith(".pem") ? name : name + ".pem");
  }

  @Override
  public void addRoot(Path file) throws IOException {
    String name = fileName(file);
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".pem") && !lower.endsWith(".crt") && !lower.endsWith(".cer")) {
      throw new IOException("certificate file " + file + " must end in .pem, .crt or .cer");
    }
    List<X509Certificate> certificates = certificates(file);
    if (certificates.isEmpty()) {
      throw new IOException("certificate file " + file + " contains no certificate");
    }
    copyIn(file, ROOTS, name);
  }

  @Override
  public void addIdentity(TrustedIdentity identity) throws IOException {
    List<TrustedIdentity> identities = new ArrayList<>(readIdentities());
    if (identities.stream().anyMatch(existing -> existing.name().equals(identity.name()))) {
      throw new IOException("an identity named '" + identity.name() + "' already exists; pick another name");
    }
    if (identities.size() >= MAX_ITEMS) {
      throw new IOException("the trust settings already hold " + MAX_ITEMS + " identities, the maximum");
    }
    identities.add(identity);
    writeIdentities(identities);
  }

  @Override
  public void setTrustedRoot(Path file) throws IOException {
    TrustPolicyFiles.load(List.of(), null, List.of(), List.of(), file);
    // The engine reads a root without authorities or logs as empty; such a file trusts nothing, so it is
    // most likely the wrong file.
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root.path("certificateAuthorities").isEmpty() && root.path("tlogs").isEmpty()) {
      throw new IOException("Sigstore trusted root " + file + " lists no certificateAuthorities and no tlogs");
    }
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, ".trusted_root", ".tmp");
    try {
      Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temporary, folder.resolve(TRUSTED_ROOT), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  @Override
  public void remove(TrustEntry entry) throws IOException {
    switch (entry.type()) {
      case KEY -> Files.deleteIfExists(inside(KEYS, entry.name()));
      case ROOT -> Files.deleteIfExists(inside(ROOTS, entry.name()));
      case REKOR_KEY -> Files.deleteIfExists(inside(REKOR, entry.name()));
      case TRUSTED_ROOT -> Files.deleteIfExists(folder.resolve(TRUSTED_ROOT));
      case IDENTITY -> removeIdentity(entry);
    }
  }

  private void removeIdentity(TrustEntry entry) throws IOException {
    if (entry.problem() != null && entry.name().equals(IDENTITIES)) {
      // The whole file is unreadable, so removing its entry removes the file.
      Files.deleteIfExists(folder.resolve(IDENTITIES));
      return;
    }
    List<TrustedIdentity> identities = new ArrayList<>(readIdentities());
    if (!identities.removeIf(identity -> identity.name().equals(entry.name()))) {
      throw new IOException("no identity named '" + entry.name() + "' in " + folder.resolve(IDENTITIES));
    }
    writeIdentities(identities);
  }

  /** Resolves a listed file name in its subfolder, rejecting names that would leave it. */
  private Path inside(String subfolder, String name) throws IOException {
    Path parent = folder.resolve(subfolder);
    Path resolved = parent.resolve(name).normalize();
    if (!parent.equals(resolved.getParent())) {
      throw new IOException("invalid trust settings file name '" + name + "'");
    }
    return resolved;
  }

  private void copyIn(Path file, String subfolder, String name) throws IOException {
    Path target = inside(subfolder, name);
    if (Files.exists(target)) {
      throw new IOException("a file named " + name + " is already in " + target.getParent()
          + "; remove it first or rename the new file");
    }
    Files.createDirectories(target.getParent());
    Files.copy(file, target);
  }

  private static String fileName(Path file) throws IOException {
    Path name = file.getFileName();
    if (name == null || name.toString().startsWith(".")) {
      throw new IOException("cannot add " + file + ": pick a file whose name does not start with a dot");
    }
    return name.toString();
  }

  private List<Path> files(String subfolder, String glob) throws IOException {
    Path parent = folder.resolve(subfolder);
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(parent)) {
      return found;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, glob)) {
      for (Path file : stream) {
        if (found.size() >= MAX_ITEMS) {
          throw new IOException("folder " + parent + " has more than " + MAX_ITEMS + " files");
        }
        found.add(file);
      }
    }
    found.sort(null);
    return found;
  }

  private static TrustEntry keyEntry(TrustEntry.Type type, Path file) {
    String name = file.getFileName().toString();
    try {
      TrustPolicy single = TrustPolicyFiles.load(List.of(file), null, List.of(), List.of(), null);
      return new TrustEntry(type, name, single.keys().get(0).fingerprint(), null);
    } catch (IOException e) {
      return new TrustEntry(type, name, "", e.getMessage());
    }
  }

  private TrustEntry rootEntry(Path file) {
    String name = file.getFileName().toString();
    try {
      List<X509Certificate> certificates = certificates(file);
      if (certificates.isEmpty()) {
        return new TrustEntry(TrustEntry.Type.ROOT, name, "", "the file contains no certificate");
      }
      X509Certificate first = certificates.get(0);
      Instant expiry = first.getNotAfter().toInstant();
      String summary = first.getSubjectX500Principal().getName() + ", "
          + (expiry.isBefore(clock.instant()) ? "expired " : "expires ") + DATE.format(expiry)
          + (certificates.size() > 1 ? " (and " + (certificates.size() - 1) + " more in the file)" : "");
      return new TrustEntry(TrustEntry.Type.ROOT, name, summary, null);
    } catch (IOException e) {
      return new TrustEntry(TrustEntry.Type.ROOT, name, "", e.getMessage());
    }
  }

  /** Reads the PEM or DER certificates of a file; the JDK's certificate factory accepts both. */
  private static List<X509Certificate> certificates(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("file " + file + " does not exist");
    }
    if (Files.size(file) > MAX_CERTIFICATE_FILE) {
      throw new IOException("file " + file + " is larger than " + MAX_CERTIFICATE_FILE + " bytes");
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      Collection<? extends java.security.cert.Certificate> parsed =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
      List<X509Certificate> certificates = new ArrayList<>();
      for (java.security.cert.Certificate certificate : parsed) {
        if (certificate instanceof X509Certificate x509) {
          certificates.add(x509);
        }
      }
      return certificates;
    } catch (CertificateException | RuntimeException e) {
      throw new IOException("certificate file " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  List<TrustedIdentity> readIdentities() throws IOException {
    Path file = folder.resolve(IDENTITIES);
    if (!Files.exists(file)) {
      return List.of();
    }
    if (Files.size(file) > MAX_IDENTITIES_FILE) {
      throw new IOException("identities file " + file + " is larger than " + MAX_IDENTITIES_FILE + " bytes");
    }
    JsonNode root;
    try {
      root = yaml.readTree(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      throw new IOException("identities file " + file + " is not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new IOException("identities file " + file + " must be a list of {name, subject or subjectPattern,"
          + " issuer or issuerPattern}");
    }
    if (root.size() > MAX_ITEMS) {
      throw new IOException("identities file " + file + " has " + root.size() + " identities, more than " + MAX_ITEMS);
    }
    List<TrustedIdentity> identities = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      try {
        TrustedIdentity identity = identity(root.get(i));
        if (identities.stream().anyMatch(known -> known.name().equals(identity.name()))) {
          throw new IllegalArgumentException("the name '" + identity.name() + "' is used twice");
        }
        identities.add(identity);
      } catch (IllegalArgumentException e) {
        throw new IOException("identities file " + file + ", entry " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return identities;
  }

  private static TrustedIdentity identity(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a mapping with name, subject and issuer");
    }
    String subject = text(node, "subject");
    String subjectPattern = text(node, "subjectPattern");
    String issuer = text(node, "issuer");
    String issuerPattern = text(node, "issuerPattern");
    if ((subject == null) == (subjectPattern == null)) {
      throw new IllegalArgumentException("give exactly one of subject and subjectPattern");
    }
    if ((issuer == null) == (issuerPattern == null)) {
      throw new IllegalArgumentException("give exactly one of issuer and issuerPattern");
    }
    return new TrustedIdentity(text(node, "name"), subject != null ? subject : subjectPattern, subject == null,
        issuer != null ? issuer : issuerPattern, issuer == null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string");
    }
    return value.asText();
  }

  private void writeIdentities(List<TrustedIdentity> identities) throws IOException {
    ArrayNode list = yaml.createArrayNode();
    for (TrustedIdentity identity : identities) {
      ObjectNode node = list.addObject();
      node.put("name", identity.name());
      node.put(identity.subjectPattern() ? "subjectPattern" : "subject", identity.subject());
      node.put(identity.issuerPattern() ? "issuerPattern" : "issuer", identity.issuer());
    }
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, ".identities", ".tmp");
    try {
      Files.write(temporary, yaml.writeValueAsBytes(list));
      Files.move(temporary, folder.resolve(IDENTITIES), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
