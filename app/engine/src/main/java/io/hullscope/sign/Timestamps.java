package io.hullscope.sign;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * Reads an RFC 3161 timestamp token (a CMS SignedData with a TSTInfo) far enough to report who
 * timestamped a signature and when. The token's signature and the TSA's certificate chain are
 * not verified, and each note states that.
 */
final class Timestamps {

  /** Largest token read; real tokens with their TSA chain are a few KiB. */
  static final int MAX_TOKEN = 64 * 1024;

  private static final String SIGNED_DATA = "2a864886f70d010702";
  private static final String TST_INFO = "2a864886f70d0109100104";
  private static final String TIME_STAMPING_USAGE = "1.3.6.1.5.5.7.3.8";

  private Timestamps() {}

  /** A timestamp read from a token. */
  record Timestamp(Instant time, String authority) {}

  /**
   * Adds a note about a timestamp countersignature: a {@code byte[]} token (COSE) or a base64 text
   * (JWS). Nothing is added when {@code value} is null.
   */
  static void describe(Object value, List<String> notes) {
    if (value == null) {
      return;
    }
    try {
      byte[] token = value instanceof byte[] bytes ? bytes : Base64.getDecoder().decode(value.toString());
      Timestamp timestamp = read(token);
      notes.add("timestamped by " + timestamp.authority() + " at " + timestamp.time()
          + " (RFC 3161); the timestamp is not verified");
    } catch (IllegalArgumentException e) {
      notes.add("the signature carries a timestamp countersignature that cannot be read: " + e.getMessage());
    }
  }

  /**
   * Reads the generation time and the TSA's name from a timestamp token.
   *
   * @throws IllegalArgumentException when the token is not a readable RFC 3161 token
   */
  static Timestamp read(byte[] token) {
    if (token.length > MAX_TOKEN) {
      throw new IllegalArgumentException("the token has " + token.length + " bytes, more than " + MAX_TOKEN);
    }
    Der contentInfo = Der.single(token, 0x30);
    Der contentType = contentInfo.child(0, 0x06);
    if (!contentType.hex().equals(SIGNED_DATA)) {
      throw new IllegalArgumentException("the token is not a CMS SignedData");
    }
    Der signedData = contentInfo.child(1, 0xA0).child(0, 0x30);
    Der encapsulated = signedData.child(2, 0x30);
    if (!encapsulated.child(0, 0x06).hex().equals(TST_INFO)) {
      throw new IllegalArgumentException("the token does not contain a TSTInfo");
    }
    byte[] tstInfoBytes = encapsulated.child(1, 0xA0).child(0, 0x04).content();
    Der tstInfo = Der.single(tstInfoBytes, 0x30);
    Instant time = generalizedTime(tstInfo.child(4, 0x18).content());
    return new Timestamp(time, authority(token));
  }

  /** Returns the subject of the timestamping certificate in the token, or a placeholder when it has none. */
  private static String authority(byte[] token) {
    try {
      Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(token));
      X509Certificate first = null;
      for (java.security.cert.Certificate certificate : certificates) {
        X509Certificate x509 = (X509Certificate) certificate;
        first = first == null ? x509 : first;
        List<String> usages = x509.getExtendedKeyUsage();
        if (usages != null && usages.contains(TIME_STAMPING_USAGE)) {
          return x509.getSubjectX500Principal().getName();
        }
      }
      return first == null ? "an unnamed authority (no certificate in the token)"
          : first.getSubjectX500Principal().getName();
    } catch (CertificateParsingException e) {
      return "an unnamed authority (its certificate is invalid)";
    } catch (CertificateException | RuntimeException e) {
      return "an unnamed authority (the token's certificates cannot be read)";
    }
  }

  private static Instant generalizedTime(byte[] content) {
    String text = new String(content, java.nio.charset.StandardCharsets.US_ASCII);
    if (!text.matches("[0-9]{14}(\\.[0-9]{1,9})?Z")) {
      throw new IllegalArgumentException("genTime '" + text + "' is not a UTC GeneralizedTime");
    }
    try {
      LocalDateTime base = LocalDateTime.parse(text.substring(0, 14), DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
      int dot = text.indexOf('.');
      long nanos = dot < 0 ? 0 : Long.parseLong((text.substring(dot + 1, text.length() - 1) + "00000000").substring(0, 9));
      return base.toInstant(ZoneOffset.UTC).plusNanos(nanos);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("genTime '" + text + "' is not a valid time", e);
    }
  }

  /** One DER value: its tag and content, with just enough navigation for the token layout. */
  private record Der(int tag, byte[] content) {

    /** Parses a value that must fill {@code bytes} and have {@code tag}. */
    static Der single(byte[] bytes, int tag) {
      List<Der> values = sequence(bytes);
      if (values.size() != 1 || values.get(0).tag() != tag) {
        throw new IllegalArgumentException("expected one DER value with tag 0x" + Integer.toHexString(tag));
      }
      return values.get(0);
    }

    /** Returns the child at {@code index}, which must have {@code tag}. */
    Der child(int index, int expectedTag) {
      List<Der> children = sequence(content);
      if (index >= children.size() || children.get(index).tag() != expectedTag) {
        throw new IllegalArgumentException("the DER structure has no value with tag 0x"
            + Integer.toHexString(expectedTag) + " at position " + index);
      }
      return children.get(index);
    }

    String hex() {
      return java.util.HexFormat.of().formatHex(content);
    }

    /** Splits concatenated DER values; lengths are checked against the input before copying. */
    private static List<Der> sequence(byte[] bytes) {
      List<Der> values = new java.util.ArrayList<>();
      int position = 0;
      while (position < bytes.length) {
        if (bytes.length - position < 2) {
          throw new IllegalArgumentException("the DER data is truncated");
        }
        int tag = bytes[position++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
          throw new IllegalArgumentException("multi-byte DER tags are not used in timestamp tokens");
        }
        int first = bytes[position++] & 0xFF;
        long length = first;
        if (first >= 0x80) {
          int count = first & 0x7F;
          if (count == 0 || count > 4 || bytes.length - position < count) {
            throw new IllegalArgumentException("invalid DER length");
          }
          length = 0;
          for (int i = 0; i < count; i++) {
            length = (length << 8) | (bytes[position++] & 0xFF);
          }
        }
        if (length > bytes.length - position) {
          throw new IllegalArgumentException("a DER value is longer than its data");
        }
        values.add(new Der(tag, Arrays.copyOfRange(bytes, position, position + (int) length)));
        position += (int) length;
      }
      return values;
    }
  }
}
