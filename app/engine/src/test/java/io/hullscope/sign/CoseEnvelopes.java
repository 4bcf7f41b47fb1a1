package io.hullscope.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Notary Project COSE_Sign1 envelopes for tests, signed over the RFC 9052 Sig_structure. */
final class CoseEnvelopes {

  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** The fields a test changes; the defaults make a valid ES256 or PS256 envelope. */
  static final class Builder {
    long algorithm;
    PrivateKey key;
    List<X509Certificate> chain;
    String digest;
    Instant signingTime = Instant.now().minusSeconds(60);
    Instant expiry;
    List<Object> crit = new ArrayList<>(List.of(NotationVerifier.SIGNING_SCHEME));
    String scheme = "notary.x509";
    String contentType = NotationVerifier.PAYLOAD_TYPE;
    Object timestamp;
    /** When set, signs this payload but stores {@link #payload()} in the envelope. */
    byte[] signedPayload;

    Builder(long algorithm, PrivateKey key, List<X509Certificate> chain, String digest) {
      this.algorithm = algorithm;
      this.key = key;
      this.chain = chain;
      this.digest = digest;
    }

    byte[] payload() {
      return ("{\"targetArtifact\":{\"mediaType\":\"" + MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":1}}")
          .getBytes(StandardCharsets.UTF_8);
    }

    byte[] protectedHeader() {
      Map<Object, Object> header = new LinkedHashMap<>();
      header.put(NotationCoseVerifier.ALG, algorithm);
      header.put(NotationCoseVerifier.CRIT, crit);
      header.put(NotationCoseVerifier.CONTENT_TYPE, contentType);
      header.put(NotationVerifier.SIGNING_SCHEME, scheme);
      header.put(NotationVerifier.SIGNING_TIME, new Cbor.Tagged(1, signingTime.getEpochSecond()));
      if (expiry != null) {
        header.put(NotationVerifier.EXPIRY, new Cbor.Tagged(1, expiry.getEpochSecond()));
      }
      return encode(header);
    }

    byte[] build() throws Exception {
      byte[] protectedBytes = protectedHeader();
      byte[] payload = payload();
      byte[] signature = sign(algorithm, key,
          NotationCoseVerifier.sigStructure(protectedBytes, signedPayload != null ? signedPayload : payload));
      return envelope(protectedBytes, payload, signature);
    }

    byte[] envelope(byte[] protectedBytes, byte[] payload, byte[] signature) throws Exception {
      Map<Object, Object> unprotected = new LinkedHashMap<>();
      List<Object> certificates = new ArrayList<>();
      for (X509Certificate certificate : chain) {
        certificates.add(certificate.getEncoded());
      }
      unprotected.put(NotationCoseVerifier.X5CHAIN, certificates);
      if (timestamp != null) {
        unprotected.put(NotationCoseVerifier.TIMESTAMP_SIGNATURE, timestamp);
      }
      return encode(new Cbor.Tagged(NotationCoseVerifier.COSE_SIGN1_TAG,
          List.of(protectedBytes, unprotected, payload, signature)));
    }
  }

  private CoseEnvelopes() {}

  /** Signs with the JDK: ECDSA as r || s, RSASSA-PSS with MGF1 and a salt as long as the hash. */
  static byte[] sign(long algorithm, PrivateKey key, byte[] data) throws Exception {
    String hash = switch ((int) algorithm) {
      case -7, -37 -> "SHA-256";
      case -35, -38 -> "SHA-384";
      case -36, -39 -> "SHA-512";
      default -> throw new IllegalArgumentException("no test signer for COSE algorithm " + algorithm);
    };
    Signature signer;
    if (algorithm == -7 || algorithm == -35 || algorithm == -36) {
      signer = Signature.getInstance(hash.replace("-", "") + "withECDSAinP1363Format");
    } else {
      signer = Signature.getInstance("RSASSA-PSS");
      signer.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
          Integer.parseInt(hash.substring(4)) / 8, 1));
    }
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }

  /** Encodes longs, strings, byte arrays, lists, maps and tags as CBOR. */
  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value instanceof Long number) {
      Cbor.integer(out, number);
    } else if (value instanceof Integer number) {
      Cbor.integer(out, number);
    } else if (value instanceof String text) {
      Cbor.textString(out, text);
    } else if (value instanceof byte[] bytes) {
      Cbor.byteString(out, bytes);
    } else if (value instanceof List<?> list) {
      Cbor.head(out, 4, list.size());
      list.forEach(element -> write(out, element));
    } else if (value instanceof Map<?, ?> map) {
      Cbor.head(out, 5, map.size());
      map.forEach((key, element) -> {
        write(out, key);
        write(out, element);
      });
    } else if (value instanceof Cbor.Tagged tagged) {
      Cbor.head(out, 6, tagged.tag());
      write(out, tagged.value());
    } else {
      throw new IllegalArgumentException("cannot encode " + value);
    }
  }
}
