package io.hullscope.sign;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link TrustPolicy} from files: PEM public keys, a folder of certificates, a trusted root. */
public final class TrustPolicyFiles {

  /** Maximum size of a key or certificate file. */
  static final long MAX_FILE_SIZE = 1 << 20;
  /** Maximum number of files read from a trust store folder. */
  static final int MAX_TRUST_STORE_FILES = 1000;

  private TrustPolicyFiles() {}

  /**
   * Reads the trust settings.
   *
   * @param keyFiles PEM public keys for cosign key signatures
   * @param trustStore a folder of PEM or DER certificates ({@code *.pem}, {@code *.crt}, {@code *.cer}); null for none
   * @param identities expected keyless signers
   * @param rekorKeyFiles PEM public keys of Rekor logs
   * @param trustedRoot a Sigstore {@code trusted_root.json}; null for none
   * @throws IOException naming the file that is missing, too large or invalid
   */
  public static TrustPolicy load(List<Path> keyFiles, Path trustStore, List<IdentityRule> identities,
      List<Path> rekorKeyFiles, Path trustedRoot) throws IOException {
    List<TrustedKey> keys = new ArrayList<>();
    for (Path file : keyFiles) {
      keys.add(new TrustedKey(file.getFileName().toString(), publicKey(file)));
    }
    List<PublicKey> rekorKeys = new ArrayList<>();
    for (Path file : rekorKeyFiles) {
      rekorKeys.add(publicKey(file));
    }
    List<X509Certificate> roots = new ArrayList<>();
    Map<X509Certificate, String> rootSources = new HashMap<>();
    if (trustStore != null) {
      if (!Files.isDirectory(trustStore)) {
        throw new IOException("trust store " + trustStore + " is not a folder");
      }
      int count = 0;
      try (DirectoryStream<Path> files = Files.newDirectoryStream(trustStore, "*.{pem,crt,cer}")) {
        for (Path file : files) {
          if (++count > MAX_TRUST_STORE_FILES) {
            throw new IOException("trust store " + trustStore + " has more than " + MAX_TRUST_STORE_FILES + " files");
          }
          try {
            for (X509Certificate root : PemFiles.certificates(read(file))) {
              roots.add(root);
              rootSources.putIfAbsent(root, file.getFileName().toString());
            }
          } catch (GeneralSecurityException e) {
            throw new IOException("certificate file " + file + " is invalid: " + e.getMessage(), e);
          }
        }
      }
    }
    if (trustedRoot != null) {
      try {
        SigstoreTrustedRoot.read(trustedRoot);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        throw new IOException("Sigstore trusted root " + trustedRoot + " is invalid: " + e.getMessage(), e);
      }
    }
    return new TrustPolicy(keys, roots, identities, rekorKeys, trustedRoot, rootSources);
  }

  static PublicKey publicKey(Path file) throws IOException {
    try {
      return PemFiles.publicKey(new String(read(file), java.nio.charset.StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IOException("public key file " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  static byte[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("file " + file + " does not exist");
    }
    if (Files.size(file) > MAX_FILE_SIZE) {
      throw new IOException("file " + file + " is larger than " + MAX_FILE_SIZE + " bytes");
    }
    return Files.readAllBytes(file);
  }
}
