package io.hullscope.sign;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Certificate chain validation and the Fulcio identity fields of signing certificates. */
final class Certificates {

  /** Fulcio's OIDC issuer extension, raw string value (deprecated but still written). */
  static final String OIDC_ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
  /** Fulcio's OIDC issuer extension, DER UTF8String value. */
  static final String OIDC_ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

  /** Maximum chain length accepted, so that a hostile chain cannot make validation slow. */
  static final int MAX_CHAIN_LENGTH = 10;

  private Certificates() {}

  /** The outcome of a chain check: null problem means the chain is trusted. */
  record ChainCheck(Verdict.Reason problem, String detail, X509Certificate anchor) {
    boolean trusted() {
      return problem == null;
    }
  }

  /**
   * Checks that {@code chain} (leaf first, intermediates after, a trailing root allowed) leads to
   * one of {@code roots}, with every certificate valid at {@code time}. Revocation is not checked.
   */
  static ChainCheck validate(List<X509Certificate> chain, Collection<X509Certificate> roots, Instant time) {
    if (chain.isEmpty()) {
      return new ChainCheck(Verdict.Reason.MALFORMED, "no certificate", null);
    }
    if (chain.size() > MAX_CHAIN_LENGTH) {
      return new ChainCheck(Verdict.Reason.MALFORMED, "the chain has " + chain.size() + " certificates, more than "
          + MAX_CHAIN_LENGTH, null);
    }
    if (roots.isEmpty()) {
      return new ChainCheck(Verdict.Reason.NO_TRUSTED_KEY, "no trusted root certificate is configured", null);
    }
    // A path ends before the first certificate that is itself a trust anchor.
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate certificate : chain) {
      if (roots.contains(certificate)) {
        break;
      }
      path.add(certificate);
    }
    if (path.isEmpty()) {
      X509Certificate leaf = chain.get(0);
      try {
        leaf.checkValidity(Date.from(time));
        return new ChainCheck(null, "the certificate itself is trusted", leaf);
      } catch (GeneralSecurityException e) {
        return new ChainCheck(Verdict.Reason.EXPIRED, "the trusted certificate " + leaf.getSubjectX500Principal()
            + " is not valid at " + time, leaf);
      }
    }
    Set<TrustAnchor> anchors = new HashSet<>();
    for (X509Certificate root : roots) {
      anchors.add(new TrustAnchor(root, null));
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      CertPath certPath = factory.generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(time));
      var result = (java.security.cert.PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
          .validate(certPath, parameters);
      return new ChainCheck(null, "chains to " + result.getTrustAnchor().getTrustedCert().getSubjectX500Principal(),
          result.getTrustAnchor().getTrustedCert());
    } catch (CertPathValidatorException e) {
      Verdict.Reason reason = e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
          || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID
          ? Verdict.Reason.EXPIRED : Verdict.Reason.UNTRUSTED_CHAIN;
      return new ChainCheck(reason, "the certificate chain of " + chain.get(0).getSubjectX500Principal()
          + " is not trusted at " + time + ": " + e.getMessage(), null);
    } catch (GeneralSecurityException e) {
      return new ChainCheck(Verdict.Reason.UNTRUSTED_CHAIN, "the certificate chain cannot be validated: "
          + e.getMessage(), null);
    }
  }

  /** Returns the first email or URI subject alternative name, the identity Fulcio certifies. */
  static String identity(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return null;
      }
      for (List<?> name : names) {
        int type = (Integer) name.get(0);
        // 1 = rfc822Name (email), 6 = uniformResourceIdentifier
        if ((type == 1 || type == 6) && name.get(1) instanceof String value) {
          return value;
        }
      }
      return null;
    } catch (CertificateParsingException e) {
      return null;
    }
  }

  /** Returns the OIDC issuer from Fulcio's extensions (the newer DER form first), or null. */
  static String oidcIssuer(X509Certificate certificate) {
    byte[] v2 = certificate.getExtensionValue(OIDC_ISSUER_V2);
    if (v2 != null) {
      byte[] inner = derContent(v2, 0x04);
      byte[] text = inner == null ? null : derContent(inner, 0x0C);
      if (text != null) {
        return new String(text, StandardCharsets.UTF_8);
      }
    }
    byte[] v1 = certificate.getExtensionValue(OIDC_ISSUER_V1);
    if (v1 != null) {
      byte[] raw = derContent(v1, 0x04);
      if (raw != null) {
        return new String(raw, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Returns the content of a DER value with the expected tag, or null when it is not exactly one such value. */
  static byte[] derContent(byte[] der, int expectedTag) {
    if (der.length < 2 || (der[0] & 0xFF) != expectedTag) {
      return null;
    }
    int first = der[1] & 0xFF;
    int offset = 2;
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int count = first & 0x7F;
      if (count == 0 || count > 3 || der.length < 2 + count) {
        return null;
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (der[offset++] & 0xFF);
      }
    }
    if (offset + length != der.length) {
      return null;
    }
    return java.util.Arrays.copyOfRange(der, offset, (int) (offset + length));
  }
}
