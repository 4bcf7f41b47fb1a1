package io.hullscope.sign;

/** The kinds of signature and signed metadata an image can have in its registry. */
public enum SignatureKind {
  /** cosign's {@code sha256-<hex>.sig} tag holding simple-signing payloads. */
  COSIGN_SIMPLE_SIGNING,
  /** A Sigstore bundle (v0.1 to v0.3) stored as an OCI referrer, as cosign v3 writes it. */
  SIGSTORE_BUNDLE,
  /** A Notary Project signature in a JWS envelope. */
  NOTATION_JWS,
  /** A Notary Project signature in a COSE_Sign1 envelope. */
  NOTATION_COSE,
  /** An in-toto statement in a DSSE envelope, for example an SBOM or provenance. */
  ATTESTATION,
  /** Docker Content Trust (Notary v1), which registries no longer serve. */
  DOCKER_CONTENT_TRUST
}
