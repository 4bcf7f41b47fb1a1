package io.hullscope.sign;

import io.hullscope.image.Descriptor;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageManifest;
import io.hullscope.image.ManifestParser;
import io.hullscope.source.registry.RegistryClient;
import io.hullscope.source.registry.RegistryManifest;
import io.hullscope.source.registry.RegistryNotFoundException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every signature and attestation of an image in its registry and verifies each against a
 * trust policy: cosign's {@code sha256-<hex>.sig} and {@code .att} tags, and the OCI referrers
 * (with the tag-schema fallback) for notation signatures and Sigstore bundles.
 *
 * <p>A signature that cannot be read becomes a MALFORMED result, so one bad artifact never hides
 * the others. Registry failures other than "not found" (authentication, network) are thrown.
 */
public final class SignatureFinder {

  /** The note shown for Docker Content Trust, which Hullscope cannot find in OCI registries. */
  public static final String CONTENT_TRUST_NOTE = "Docker Content Trust (Notary v1) is retired: Harbor removed it in"
      + " 2.9 and it is not stored in the registry, so Hullscope does not look for it; use cosign or notation.";

  /** Maximum number of layers read from one cosign signature or attestation manifest. */
  public static final int DEFAULT_MAX_LAYERS = 64;
  /** Maximum number of referrers inspected for one image. */
  public static final int DEFAULT_MAX_REFERRERS = 256;

  private static final Logger LOG = LoggerFactory.getLogger(SignatureFinder.class);

  private final RegistryClient client;
  private final CosignVerifier cosign;
  private final AttestationVerifier attestations;
  private final SigstoreBundleVerifier bundles;
  private final NotationVerifier notation;
  private final int maxLayers;
  private final int maxReferrers;

  /**
   * Creates a finder with the default limits.
   *
   * @throws IOException or GeneralSecurityException when the policy's Sigstore trusted root cannot be read
   */
  public SignatureFinder(RegistryClient client, TrustPolicy policy) throws IOException, GeneralSecurityException {
    this(client, policy, DEFAULT_MAX_LAYERS, DEFAULT_MAX_REFERRERS, Clock.systemUTC());
  }

  public SignatureFinder(RegistryClient client, TrustPolicy policy, int maxLayers, int maxReferrers, Clock clock)
      throws IOException, GeneralSecurityException {
    this.client = client;
    SigstoreTrustedRoot trustedRoot = policy.sigstoreTrustedRoot() == null ? null
        : SigstoreTrustedRoot.read(policy.sigstoreTrustedRoot());
    this.cosign = new CosignVerifier(policy, trustedRoot, CosignVerifier.DEFAULT_MAX_PAYLOAD);
    this.attestations = new AttestationVerifier(policy, SigstoreBundleVerifier.DEFAULT_MAX_BUNDLE);
    this.bundles = new SigstoreBundleVerifier(policy, SigstoreBundleVerifier.DEFAULT_MAX_BUNDLE);
    this.notation = new NotationVerifier(policy, NotationVerifier.DEFAULT_MAX_ENVELOPE, clock);
    this.maxLayers = maxLayers;
    this.maxReferrers = maxReferrers;
  }

  /** Finds and verifies the signatures of the manifest {@code digest} in {@code repository}. */
  public List<SignatureResult> find(String repository, Digest digest) throws IOException {
    List<SignatureResult> results = new ArrayList<>();
    String tagBase = digest.algorithm() + "-" + digest.hex();
    readCosignTag(repository, tagBase + ".sig", digest, results, false);
    readCosignTag(repository, tagBase + ".att", digest, results, true);
    List<Descriptor> referrers = client.listReferrers(repository, digest, null);
    int inspected = 0;
    for (Descriptor referrer : referrers) {
      if (inspected++ >= maxReferrers) {
        LOG.warn("Image {}@{} has more than {} referrers; the rest are not inspected", repository, digest, maxReferrers);
        break;
      }
      readReferrer(repository, referrer, digest, results);
    }
    return results;
  }

  private void readCosignTag(String repository, String tag, Digest digest, List<SignatureResult> results,
      boolean attestation) throws IOException {
    ImageManifest manifest;
    try {
      RegistryManifest fetched = client.fetchManifest(repository, tag);
      manifest = ManifestParser.parseManifest(fetched.bytes(), client.registry() + "/" + repository, "manifest " + tag);
    } catch (RegistryNotFoundException e) {
      return;
    } catch (io.hullscope.image.ImageReadException e) {
      results.add(malformed(attestation ? SignatureKind.ATTESTATION : SignatureKind.COSIGN_SIMPLE_SIGNING,
          "tag " + tag, e));
      return;
    }
    List<Descriptor> layers = manifest.layers();
    for (int i = 0; i < layers.size() && i < maxLayers; i++) {
      Descriptor layer = layers.get(i);
      String location = "tag " + tag + " layer " + (i + 1);
      byte[] blob;
      try {
        blob = client.fetchBlob(repository, layer, client.registry() + "/" + repository + ":" + tag);
      } catch (RegistryNotFoundException | io.hullscope.image.ImageReadException e) {
        results.add(malformed(attestation ? SignatureKind.ATTESTATION : SignatureKind.COSIGN_SIMPLE_SIGNING, location, e));
        continue;
      }
      results.add(attestation ? attestations.verify(blob, digest, location)
          : cosign.verify(blob, layer.annotations(), digest, location));
    }
  }

  private void readReferrer(String repository, Descriptor referrer, Digest digest, List<SignatureResult> results)
      throws IOException {
    String type = referrer.artifactType();
    boolean isNotation = NotationVerifier.ARTIFACT_TYPE.equals(type);
    boolean isBundle = type != null && type.startsWith(SigstoreBundleVerifier.BUNDLE_ARTIFACT_TYPE_PREFIX);
    if (!isNotation && !isBundle) {
      LOG.debug("Skipping referrer {} of {} with artifact type {}", referrer.digest(), digest, type);
      return;
    }
    SignatureKind kind = isNotation ? SignatureKind.NOTATION_JWS : SignatureKind.SIGSTORE_BUNDLE;
    String location = "referrer " + referrer.digest();
    String image = client.registry() + "/" + repository + "@" + referrer.digest();
    try {
      RegistryManifest fetched = client.fetchManifest(repository, referrer.digest().toString());
      ImageManifest manifest = ManifestParser.parseManifest(fetched.bytes(), image, "referrer manifest");
      if (manifest.layers().size() != 1) {
        results.add(new SignatureResult(kind, location, null, null, null, Verdict.rejected(Verdict.Reason.MALFORMED,
            "the referrer has " + manifest.layers().size() + " layers, expected one"), List.of()));
        return;
      }
      Descriptor layer = manifest.layers().get(0);
      byte[] blob = client.fetchBlob(repository, layer, image);
      if (!isNotation) {
        results.add(bundles.verify(blob, digest, location));
      } else if (NotationVerifier.COSE_MEDIA_TYPE.equals(layer.mediaType())) {
        results.add(notation.verifyCose(blob, digest, location));
      } else {
        results.add(notation.verifyJws(blob, digest, location));
      }
    } catch (RegistryNotFoundException | io.hullscope.image.ImageReadException e) {
      results.add(malformed(kind, location, e));
    }
  }

  private static SignatureResult malformed(SignatureKind kind, String location, IOException e) {
    LOG.warn("Cannot read the signature at {}: {}", location, e.getMessage());
    return new SignatureResult(kind, location, null, null, null,
        Verdict.rejected(Verdict.Reason.MALFORMED, "cannot read it: " + e.getMessage()), List.of());
  }
}
