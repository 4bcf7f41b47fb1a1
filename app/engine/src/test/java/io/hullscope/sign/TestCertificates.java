package io.hullscope.sign;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/** Builds key pairs and X.509 certificates for signature tests with BouncyCastle. */
final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private TestCertificates() {}

  static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** Returns a self-signed CA certificate valid from an hour ago for {@code days}. */
  static X509Certificate ca(String name, KeyPair key) throws Exception {
    Instant now = Instant.now();
    return certificate(name, key.getPublic(), name, key.getPrivate(), now.minusSeconds(3600),
        now.plusSeconds(86400L * 30), true);
  }

  /** Returns a leaf certificate for {@code subjectKey} signed by {@code issuer}, valid in [from, to]. */
  static X509Certificate leaf(String name, KeyPair subjectKey, X509Certificate issuer, PrivateKey issuerKey,
      Instant from, Instant to) throws Exception {
    return certificate(name, subjectKey.getPublic(), issuer.getSubjectX500Principal().getName(), issuerKey, from, to,
        false);
  }

  private static X509Certificate certificate(String name, java.security.PublicKey subjectKey, String issuerName,
      PrivateKey issuerKey, Instant from, Instant to, boolean ca) throws Exception {
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Principal(issuerName),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), new X500Principal(name),
        subjectKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
        : KeyUsage.digitalSignature));
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JdkSigner(issuerKey)));
  }

  /**
   * Signs with JDK crypto. BouncyCastle's JcaContentSignerBuilder cannot be used because the test
   * class path mixes bcpkix 1.82 with bcprov 1.80, and its initialisation fails on a missing field.
   */
  private static final class JdkSigner implements ContentSigner {
    private final java.security.Signature signature;
    private final AlgorithmIdentifier identifier;
    private final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();

    JdkSigner(PrivateKey key) throws Exception {
      boolean rsa = key.getAlgorithm().equals("RSA");
      signature = java.security.Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
      signature.initSign(key);
      identifier = rsa ? new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.113549.1.1.11"), DERNull.INSTANCE)
          : new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.10045.4.3.2"));
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return identifier;
    }

    @Override
    public java.io.OutputStream getOutputStream() {
      return data;
    }

    @Override
    public byte[] getSignature() {
      try {
        signature.update(data.toByteArray());
        return signature.sign();
      } catch (java.security.SignatureException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Returns the PEM text of a public key. */
  static String pem(java.security.PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** Returns the PEM text of a certificate. */
  static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
