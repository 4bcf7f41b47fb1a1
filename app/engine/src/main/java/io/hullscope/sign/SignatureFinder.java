package io.hullscope.sign;

import io.hullscope.image.Descriptor;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageManifest;
import io.hullscope.image.ManifestParser;
import io.hullscope.source.harbor.HarborModel.Accessory;
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

  /** Harbor's accessory types for cosign signatures, notation signatures and other OCI referrers. */
  static final String HARBOR_COSIGN = "signature.cosign";
  static final String HARBOR_NOTATION = "signature.notation";
  static final String HARBOR_SUBJECT = "subject.accessory";
  static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";

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
    readCosignManifest(repository, tag, "tag " + tag, digest, results, attestation ? Layers.ATTESTATIONS
        : Layers.SIGNATURES);
  }

  /** Kinds of layer that a cosign manifest holds, which decide the verifier for each. */
  private enum Layers {
    SIGNATURES,
    ATTESTATIONS,
    /** By layer media type: DSSE envelopes are attestations, others simple-signing payloads. */
    BY_MEDIA_TYPE
  }

  private void readCosignManifest(String repository, String reference, String label, Digest digest,
      List<SignatureResult> results, Layers layers) throws IOException {
    SignatureKind manifestKind = layers == Layers.ATTESTATIONS ? SignatureKind.ATTESTATION
        : SignatureKind.COSIGN_SIMPLE_SIGNING;
    ImageManifest manifest;
    try {
      RegistryManifest fetched = client.fetchManifest(repository, reference);
      manifest = ManifestParser.parseManifest(fetched.bytes(), client.registry() + "/" + repository,
          "manifest " + reference);
    } catch (RegistryNotFoundException e) {
      if (layers == Layers.BY_MEDIA_TYPE) {
        results.add(malformed(manifestKind, label, e));
      }
      return;
    } catch (io.hullscope.image.ImageReadException e) {
      results.add(malformed(manifestKind, label, e));
      return;
    }
    List<Descriptor> descriptors = manifest.layers();
    for (int i = 0; i < descriptors.size() && i < maxLayers; i++) {
      Descriptor layer = descriptors.get(i);
      boolean attestation = layers == Layers.ATTESTATIONS
          || (layers == Layers.BY_MEDIA_TYPE && DSSE_MEDIA_TYPE.equals(layer.mediaType()));
      String location = label + " layer " + (i + 1);
      byte[] blob;
      try {
        blob = client.fetchBlob(repository, layer, client.registry() + "/" + repository + ":" + reference);
      } catch (RegistryNotFoundException | io.hullscope.image.ImageReadException e) {
        results.add(malformed(attestation ? SignatureKind.ATTESTATION : SignatureKind.COSIGN_SIMPLE_SIGNING, location, e));
        continue;
      }
      results.add(attestation ? attestations.verify(blob, digest, location)
          : cosign.verify(blob, layer.annotations(), digest, location));
    }
  }

  /**
   * Verifies the signature accessories that Harbor lists for an artifact, reading each through the
   * registry endpoint: {@code signature.cosign} as a cosign signature manifest, {@code
   * signature.notation} and {@code subject.accessory} as OCI referrers (notation or Sigstore
   * bundle, by artifact type). Other accessories, such as SBOMs, are skipped.
   *
   * @param digest the artifact's manifest digest, which the signatures must sign
   */
  public List<SignatureResult> verifyAccessories(String repository, Digest digest, List<Accessory> accessories)
      throws IOException {
    List<SignatureResult> results = new ArrayList<>();
    int inspected = 0;
    for (Accessory accessory : accessories) {
      if (inspected++ >= maxReferrers) {
        LOG.warn("Image {}@{} has more than {} accessories; the rest are not inspected", repository, digest, maxReferrers);
        break;
      }
      Digest accessoryDigest;
      try {
        accessoryDigest = Digest.parse(accessory.digest());
      } catch (IllegalArgumentException | NullPointerException e) {
        results.add(new SignatureResult(SignatureKind.COSIGN_SIMPLE_SIGNING, "Harbor accessory " + accessory.type(), null,
            null, null, Verdict.rejected(Verdict.Reason.MALFORMED, "Harbor lists the accessory with an invalid digest '"
            + accessory.digest() + "'"), List.of()));
        continue;
      }
      String label = "Harbor accessory " + accessory.type() + " " + accessoryDigest;
      switch (String.valueOf(accessory.type())) {
        case HARBOR_COSIGN -> readCosignManifest(repository, accessoryDigest.toString(), label, digest, results,
            Layers.BY_MEDIA_TYPE);
        case HARBOR_NOTATION, HARBOR_SUBJECT -> readReferrer(repository, accessoryDigest, null, label, digest, results);
        default -> LOG.debug("Skipping Harbor accessory {} of type {}", accessoryDigest, accessory.type());
      }
    }
    return results;
  }

  private void readReferrer(String repository, Descriptor referrer, Digest digest, List<SignatureResult> results)
      throws IOException {
    readReferrer(repository, referrer.digest(), referrer.artifactType(), "referrer " + referrer.digest(), digest,
        results);
  }

  /**
   * Verifies one referrer manifest.
   *
   * @param type the artifact type from the referrers list; null to read it from the manifest itself
   */
  private void readReferrer(String repository, Digest referrer, String type, String location, Digest digest,
      List<SignatureResult> results) throws IOException {
    if (type != null && !isSignatureType(type)) {
      LOG.debug("Skipping referrer {} of {} with artifact type {}", referrer, digest, type);
      return;
    }
    String image = client.registry() + "/" + repository + "@" + referrer;
    SignatureKind kind = NotationVerifier.ARTIFACT_TYPE.equals(type) ? SignatureKind.NOTATION_JWS
        : SignatureKind.SIGSTORE_BUNDLE;
    try {
      RegistryManifest fetched = client.fetchManifest(repository, referrer.toString());
      ImageManifest manifest = ManifestParser.parseManifest(fetched.bytes(), image, "referrer manifest");
      if (type == null) {
        type = artifactType(fetched.bytes(), manifest);
        if (!isSignatureType(type)) {
          LOG.debug("Skipping referrer {} of {} with artifact type {}", referrer, digest, type);
          return;
        }
      }
      boolean isNotation = NotationVerifier.ARTIFACT_TYPE.equals(type);
      kind = isNotation ? SignatureKind.NOTATION_JWS : SignatureKind.SIGSTORE_BUNDLE;
      if (manifest.layers().size() != 1) {
        results.add(new SignatureResult(kind, location, null, null, null, Verdict.rejected(Verdict.Reason.MALFORMED,
            "the referrer has " + manifest.layers().size() + " layers, expected one"), List.of()));
        return;
      }
      Descriptor layer = manifest.layers().get(0);
      boolean isCose = isNotation && NotationVerifier.COSE_MEDIA_TYPE.equals(layer.mediaType());
      kind = isCose ? SignatureKind.NOTATION_COSE : kind;
      byte[] blob = client.fetchBlob(repository, layer, image);
      if (!isNotation) {
        results.add(bundles.verify(blob, digest, location));
      } else if (isCose) {
        results.add(notation.verifyCose(blob, digest, location));
      } else {
        results.add(notation.verifyJws(blob, digest, location));
      }
    } catch (RegistryNotFoundException | io.hullscope.image.ImageReadException e) {
      results.add(malformed(kind, location, e));
    }
  }

  private static boolean isSignatureType(String type) {
    return NotationVerifier.ARTIFACT_TYPE.equals(type)
        || (type != null && type.startsWith(SigstoreBundleVerifier.BUNDLE_ARTIFACT_TYPE_PREFIX));
  }

  /** Returns a manifest's {@code artifactType}, else its config media type, as the OCI spec defines the artifact type. */
  private static String artifactType(byte[] manifestBytes, ImageManifest manifest) {
    try {
      com.fasterxml.jackson.databind.JsonNode root = CosignVerifier.JSON.readTree(manifestBytes);
      if (root != null && root.path("artifactType").isTextual()) {
        return root.path("artifactType").asText();
      }
    } catch (IOException e) {
      LOG.debug("Cannot read the artifact type of a referrer manifest: {}", e.getMessage());
    }
    return manifest.config() == null ? null : manifest.config().mediaType();
  }

  private static SignatureResult malformed(SignatureKind kind, String location, IOException e) {
    LOG.warn("Cannot read the signature at {}: {}", location, e.getMessage());
    return new SignatureResult(kind, location, null, null, null,
        Verdict.rejected(Verdict.Reason.MALFORMED, "cannot read it: " + e.getMessage()), List.of());
  }
}
