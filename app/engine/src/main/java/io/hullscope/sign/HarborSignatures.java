package io.hullscope.sign;

import io.hullscope.image.Digest;
import io.hullscope.source.harbor.HarborClient;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Finds the signatures Harbor lists as accessories of an artifact and verifies them through
 * Harbor's registry endpoint, with the same rules as {@link SignatureFinder}.
 */
public final class HarborSignatures {

  private HarborSignatures() {}

  /**
   * Lists the artifact's accessories and verifies every signature among them.
   *
   * @param repositoryName the full repository name, for example {@code library/app}
   * @param digest the artifact's manifest digest
   * @throws IOException when Harbor or its registry cannot be read (a signature that cannot be read
   *     becomes a MALFORMED result instead)
   * @throws GeneralSecurityException when the policy's Sigstore trusted root cannot be read
   */
  public static List<SignatureResult> find(HarborClient harbor, String repositoryName, Digest digest, TrustPolicy policy)
      throws IOException, GeneralSecurityException {
    var client = harbor.registrySource(repositoryName).client(harbor.registryHost());
    var accessories = harbor.accessories(repositoryName, digest.toString());
    return new SignatureFinder(client, policy).verifyAccessories(repositoryName, digest, accessories);
  }
}
