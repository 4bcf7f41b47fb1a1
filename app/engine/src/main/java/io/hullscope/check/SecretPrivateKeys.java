package io.hullscope.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds PEM private keys in text and checks that each body is plausible key material: Base64 of a
 * sane length that decodes to a DER structure or an OpenSSH key. A header around prose or
 * {@code ...} is not reported as a key, so documentation that shows the PEM markers stays quiet.
 * A block without its END line is reported with low confidence.
 *
 * <p>An OpenSSH key body starts with {@code openssh-key-v1} and a NUL byte, then the cipher name
 * as a string with a 4-byte big-endian length; the cipher {@code none} means unencrypted.
 */
final class SecretPrivateKeys {

  /** A private key found in text. */
  record Key(String kind, boolean encrypted, int bodyLength, int start, Confidence confidence, String reason) {

    /** The redacted description, for example {@code Ed25519 private key (PKCS#8) (64 chars, not shown)}. */
    String redacted() {
      return Redaction.keyMaterial((encrypted ? "encrypted " : "") + kind, bodyLength);
    }
  }

  /** The smallest decoded key accepted: an Ed25519 key in PKCS#8 is 48 bytes. */
  static final int MIN_KEY_BYTES = 40;

  /** The largest decoded key accepted: an RSA key of 16384 bits in PKCS#1 is about 9.3 KiB. */
  static final int MAX_KEY_BYTES = 16 * 1024;

  /** The most PEM headers examined in one text. */
  static final int MAX_HEADERS = 64;

  private static final Pattern BEGIN = Pattern.compile(
      "-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----");

  private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OID_RSA =
      {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
  private static final byte[] OID_EC = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
  private static final byte[] OID_ED25519 = {0x06, 0x03, 0x2b, 0x65, 0x70};
  private static final byte[] OID_ED448 = {0x06, 0x03, 0x2b, 0x65, 0x71};
  private static final byte[] OID_DSA = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x38, 0x04, 0x01};

  private SecretPrivateKeys() {}

  /** Finds at most {@code max} private keys in {@code text}. */
  static List<Key> find(String text, int max) {
    List<Key> keys = new ArrayList<>();
    Matcher begin = BEGIN.matcher(text);
    int from = 0;
    int attempts = 0;
    // Each header costs a search of up to about 33 KiB, so a file full of headers is bounded by the attempts.
    while (keys.size() < max && attempts++ < MAX_HEADERS && begin.find(from)) {
      String label = begin.group(1);
      int bodyStart = begin.end();
      String endMarker = "-----END " + label + "-----";
      // A body longer than the largest key in Base64, plus line breaks and headers, is not searched.
      int searchLimit = (int) Math.min(text.length(), (long) bodyStart + MAX_KEY_BYTES * 2L + 1024);
      int end = text.substring(bodyStart, searchLimit).indexOf(endMarker);
      end = end < 0 ? -1 : bodyStart + end;
      boolean complete = end >= 0;
      String body = text.substring(bodyStart, complete ? end : nextMarker(text, bodyStart, searchLimit));
      Key key = examine(label, body, complete, begin.start());
      if (key != null) {
        keys.add(key);
      }
      from = complete ? end + endMarker.length() : bodyStart;
    }
    return keys;
  }

  private static int nextMarker(String text, int from, int limit) {
    int next = text.indexOf("-----", from);
    return next < 0 || next > limit ? limit : next;
  }

  /** Returns the key a PEM body holds, or null when the body is not plausible key material. */
  private static Key examine(String label, String rawBody, boolean complete, int start) {
    // Keys pasted into JSON or shell strings carry their line breaks as the two characters \n.
    String body = rawBody.replace("\\r", "\n").replace("\\n", "\n");
    boolean legacyEncrypted = false;
    StringBuilder base64 = new StringBuilder(body.length());
    for (String line : body.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      int colon = stripped.indexOf(':');
      if (colon > 0 && base64.isEmpty()) {
        // RFC 1421 headers of the legacy OpenSSL format, such as "Proc-Type: 4,ENCRYPTED".
        legacyEncrypted |= stripped.startsWith("Proc-Type:") && stripped.contains("ENCRYPTED");
        continue;
      }
      base64.append(stripped);
    }
    if (base64.length() > MAX_KEY_BYTES * 4 / 3 + 4 || !base64.chars().allMatch(SecretPrivateKeys::isBase64Char)) {
      return null;
    }
    byte[] der;
    try {
      String padded = complete ? base64.toString() : base64.substring(0, base64.length() / 4 * 4);
      der = Base64.getDecoder().decode(padded);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (der.length < MIN_KEY_BYTES) {
      return null;
    }

    boolean encrypted = legacyEncrypted || label.startsWith("ENCRYPTED");
    String kind = kindOf(label, der);
    Confidence confidence;
    String reason;
    if (label.equals("OPENSSH PRIVATE KEY")) {
      String cipher = openSshCipher(der);
      if (cipher == null) {
        confidence = Confidence.LOW;
        reason = "the PEM body is Base64 but not an OpenSSH key structure";
      } else {
        encrypted = !cipher.equals("none");
        confidence = encrypted ? Confidence.MEDIUM : Confidence.HIGH;
        reason = encrypted ? "a well-formed OpenSSH key encrypted with " + cipher + ", so the passphrase is needed too"
            : "a well-formed, unencrypted OpenSSH key";
      }
    } else if (legacyEncrypted) {
      // The body is ciphertext, so its structure cannot be checked.
      confidence = Confidence.MEDIUM;
      reason = "a key in the legacy OpenSSL encrypted format, so the passphrase is needed too";
    } else if (isDerSequence(der)) {
      confidence = encrypted ? Confidence.MEDIUM : Confidence.HIGH;
      reason = encrypted ? "a well-formed DER key, encrypted, so the passphrase is needed too"
          : "a well-formed, unencrypted DER key";
    } else {
      confidence = Confidence.LOW;
      reason = "the PEM body is Base64 but not a complete DER structure";
    }
    if (!complete) {
      confidence = Confidence.LOW;
      reason = "the PEM block has no END line, so the key is truncated";
    }
    return new Key(kind, encrypted, base64.length(), start, confidence, reason);
  }

  private static String kindOf(String label, byte[] der) {
    return switch (label) {
      case "RSA PRIVATE KEY" -> "RSA private key (PKCS#1)";
      case "EC PRIVATE KEY" -> "EC private key";
      case "DSA PRIVATE KEY" -> "DSA private key";
      case "OPENSSH PRIVATE KEY" -> "OpenSSH private key";
      case "ENCRYPTED PRIVATE KEY" -> "private key (PKCS#8)";
      default -> pkcs8Algorithm(der) + " private key (PKCS#8)";
    };
  }

  /** Names the algorithm of an unencrypted PKCS#8 key from the OID near its start. */
  private static String pkcs8Algorithm(byte[] der) {
    byte[] head = Arrays.copyOf(der, Math.min(der.length, 32));
    if (contains(head, OID_ED25519)) {
      return "Ed25519";
    }
    if (contains(head, OID_ED448)) {
      return "Ed448";
    }
    if (contains(head, OID_RSA)) {
      return "RSA";
    }
    if (contains(head, OID_EC)) {
      return "EC";
    }
    if (contains(head, OID_DSA)) {
      return "DSA";
    }
    return "unknown-algorithm";
  }

  /** True when the bytes are exactly one DER SEQUENCE whose length field matches the data. */
  static boolean isDerSequence(byte[] der) {
    if (der.length < 2 || der[0] != 0x30) {
      return false;
    }
    int first = der[1] & 0xff;
    if (first < 0x80) {
      return 2 + first == der.length;
    }
    int lengthBytes = first & 0x7f;
    if (lengthBytes == 0 || lengthBytes > 3 || der.length < 2 + lengthBytes) {
      return false;
    }
    long length = 0;
    for (int i = 0; i < lengthBytes; i++) {
      length = (length << 8) | (der[2 + i] & 0xff);
    }
    return 2 + lengthBytes + length == der.length;
  }

  /** Returns the cipher name of an OpenSSH key, or null when the bytes are not one. */
  private static String openSshCipher(byte[] data) {
    if (data.length < OPENSSH_MAGIC.length + 4
        || !Arrays.equals(data, 0, OPENSSH_MAGIC.length, OPENSSH_MAGIC, 0, OPENSSH_MAGIC.length)) {
      return null;
    }
    int offset = OPENSSH_MAGIC.length;
    long length = ((data[offset] & 0xffL) << 24) | ((data[offset + 1] & 0xff) << 16)
        | ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
    if (length < 1 || length > 64 || offset + 4 + length > data.length) {
      return null;
    }
    String cipher = new String(data, offset + 4, (int) length, StandardCharsets.US_ASCII);
    return cipher.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? cipher : null;
  }

  private static boolean isBase64Char(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '=';
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
