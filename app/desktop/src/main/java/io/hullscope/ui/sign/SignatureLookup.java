package io.hullscope.ui.sign;

import io.hullscope.image.ImageReference;
import io.hullscope.image.ProgressListener;
import io.hullscope.sign.SignatureFinder;
import io.hullscope.sign.SignatureResult;
import io.hullscope.sign.TrustPolicy;
import io.hullscope.source.registry.DockerConfigCredentials;
import io.hullscope.source.registry.RegistryClient;
import io.hullscope.source.registry.RegistryOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds and verifies the signatures of one image; runs on a worker thread. */
final class SignatureLookup {

  private static final Logger LOG = LoggerFactory.getLogger(SignatureLookup.class);

  /**
   * The result of one lookup.
   *
   * @param target where it looked; for a Docker image, the registry its repo digest names
   * @param results every signature and attestation with its verdict
   * @param trustProblem why the trust settings could not be read, so nothing was trusted; null when they were read
   */
  record Outcome(SignatureTarget target, List<SignatureResult> results, String trustProblem) {

    Outcome {
      results = List.copyOf(results);
    }
  }

  private SignatureLookup() {}

  /**
   * Looks up the signatures of {@code target} and verifies them with the stored trust settings.
   * Unreadable trust settings do not stop the lookup: every signature is then judged against an
   * empty policy, so none verifies, and the outcome contains the reason.
   *
   * @throws IOException when the registry or the Docker daemon cannot be read
   */
  static Outcome run(SignatureTarget target, TrustSettingsStore store, ProgressListener progress) throws IOException {
    TrustPolicy policy;
    String trustProblem = null;
    progress.step("Reading the trust settings");
    try {
      policy = store.load();
    } catch (IOException e) {
      LOG.warn("The trust settings cannot be read, so no signature is trusted: {}", e.getMessage());
      policy = TrustPolicy.empty();
      trustProblem = e.getMessage();
    }
    progress.checkCancelled();
    if (target.kind() == SignatureTarget.Kind.NONE) {
      return new Outcome(target, List.of(), trustProblem);
    }
    if (target.kind() == SignatureTarget.Kind.DOCKER) {
      progress.step("Reading the repo digests of " + target.dockerKey());
      List<String> repoDigests = target.docker().repoDigests(target.dockerKey());
      if (repoDigests.isEmpty()) {
        SignatureTarget local = new SignatureTarget(SignatureTarget.Kind.NONE, target.key(), "This Docker image has"
            + " no repo digest: it was built or loaded locally and never pulled from or pushed to a registry, so it"
            + " has no signatures to look up.", null, null, null, null, null);
        return new Outcome(local, List.of(), trustProblem);
      }
      SignatureTarget resolved = SignatureTarget.repoDigest(target.key(), parseRepoDigest(repoDigests.get(0)));
      return new Outcome(resolved, find(resolved, policy, progress), trustProblem);
    }
    return new Outcome(target, find(target, policy, progress), trustProblem);
  }

  private static List<SignatureResult> find(SignatureTarget target, TrustPolicy policy, ProgressListener progress)
      throws IOException {
    ImageReference reference = target.reference();
    progress.step("Looking up the signatures of " + reference.registry() + "/" + reference.repository() + "@"
        + target.digest().shortHex());
    RegistryClient client = client(target);
    try {
      List<SignatureResult> results = new SignatureFinder(client, policy).find(reference.repository(), target.digest());
      progress.checkCancelled();
      return results;
    } catch (GeneralSecurityException e) {
      throw new IOException("the Sigstore trusted root cannot be used: " + e.getMessage(), e);
    }
  }

  /**
   * Returns a client for the target's registry: the client of the source the image was opened
   * from, or for a Docker repo digest a client with the credentials of {@code ~/.docker/config.json}.
   */
  static RegistryClient client(SignatureTarget target) throws IOException {
    String host = target.reference().registry();
    if (target.registry() != null) {
      return target.registry().client(host);
    }
    return RegistryClient.create(host, RegistryOptions.DEFAULT.withCredentialStore(DockerConfigCredentials.fromEnvironment()));
  }

  private static ImageReference parseRepoDigest(String repoDigest) throws IOException {
    try {
      ImageReference reference = ImageReference.parse(repoDigest);
      if (reference.digest() == null) {
        throw new IllegalArgumentException("it has no digest");
      }
      return reference;
    } catch (IllegalArgumentException e) {
      throw new IOException("the Docker daemon's repo digest '" + repoDigest + "' is invalid: " + e.getMessage(), e);
    }
  }
}
