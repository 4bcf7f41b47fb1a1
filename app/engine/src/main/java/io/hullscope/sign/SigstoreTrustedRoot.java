package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The parts of a Sigstore {@code trusted_root.json} that classic cosign verification needs:
 * the Fulcio certificate authorities and the Rekor log keys. Validity windows of the entries are
 * not applied here; the chain check uses each certificate's own dates.
 *
 * <p>Format: https://github.com/sigstore/protobuf-specs (dev.sigstore.trustroot.v1.TrustedRoot).
 */
record SigstoreTrustedRoot(List<X509Certificate> fulcioRoots, List<X509Certificate> fulcioIntermediates,
    List<PublicKey> rekorKeys) {

  /** Maximum trusted root file size; the public-good root is about 10 KiB. */
  static final long MAX_SIZE = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  static SigstoreTrustedRoot read(Path file) throws IOException, GeneralSecurityException {
    if (Files.size(file) > MAX_SIZE) {
      throw new IOException("trusted root " + file + " is larger than " + MAX_SIZE + " bytes");
    }
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException("trusted root " + file + " is not a JSON object");
    }
    List<X509Certificate> roots = new ArrayList<>();
    List<X509Certificate> intermediates = new ArrayList<>();
    for (JsonNode authority : root.path("certificateAuthorities")) {
      List<X509Certificate> chain = new ArrayList<>();
      for (JsonNode certificate : authority.path("certChain").path("certificates")) {
        byte[] der = Base64.getDecoder().decode(certificate.path("rawBytes").asText());
        chain.addAll(PemFiles.certificates(der));
      }
      if (chain.isEmpty()) {
        continue;
      }
      // The chain lists the intermediate first and the root last.
      roots.add(chain.get(chain.size() - 1));
      intermediates.addAll(chain.subList(0, chain.size() - 1));
    }
    List<PublicKey> rekorKeys = new ArrayList<>();
    for (JsonNode log : root.path("tlogs")) {
      String raw = log.path("publicKey").path("rawBytes").asText("");
      if (!raw.isEmpty()) {
        rekorKeys.add(PemFiles.publicKey(Base64.getDecoder().decode(raw)));
      }
    }
    return new SigstoreTrustedRoot(List.copyOf(roots), List.copyOf(intermediates), List.copyOf(rekorKeys));
  }
}
