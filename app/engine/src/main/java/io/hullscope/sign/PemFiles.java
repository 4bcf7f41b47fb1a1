package io.hullscope.sign;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads public keys and certificates from PEM text with JDK crypto only. */
public final class PemFiles {

  /** Upper bound on certificates read from one PEM text, so that a huge file cannot exhaust memory. */
  static final int MAX_CERTIFICATES = 100;

  private static final Pattern PUBLIC_KEY = Pattern.compile(
      "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

  private PemFiles() {}

  /**
   * Parses the first {@code PUBLIC KEY} block (SubjectPublicKeyInfo) as an EC (P-256, P-384), RSA
   * or Ed25519 key.
   *
   * @throws GeneralSecurityException when there is no such block or the key type is not one of these
   */
  public static PublicKey publicKey(String pem) throws GeneralSecurityException {
    Matcher matcher = PUBLIC_KEY.matcher(pem);
    if (!matcher.find()) {
      throw new GeneralSecurityException("no '-----BEGIN PUBLIC KEY-----' block found");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(matcher.group(1).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the PUBLIC KEY block is not valid base64", e);
    }
    return publicKey(der);
  }

  /** Parses a DER SubjectPublicKeyInfo as an EC, RSA or Ed25519 key. */
  public static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("the public key is not an EC, RSA or Ed25519 SubjectPublicKeyInfo", last);
  }

  /**
   * Parses every {@code CERTIFICATE} block (or DER certificate) in {@code text}, in order.
   *
   * @throws GeneralSecurityException when a block is invalid or there are more than {@value #MAX_CERTIFICATES}
   */
  public static List<X509Certificate> certificates(byte[] text) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    Collection<? extends java.security.cert.Certificate> parsed = factory.generateCertificates(new ByteArrayInputStream(text));
    if (parsed.size() > MAX_CERTIFICATES) {
      throw new GeneralSecurityException("more than " + MAX_CERTIFICATES + " certificates in one file");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (java.security.cert.Certificate certificate : parsed) {
      certificates.add((X509Certificate) certificate);
    }
    return certificates;
  }

  /** Parses the certificates of a PEM string. */
  public static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    return certificates(pem.getBytes(StandardCharsets.UTF_8));
  }
}
