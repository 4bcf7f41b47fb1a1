package io.hullscope.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:e3b0c442...}.
 *
 * <p>Only the algorithms registered by the OCI image spec are accepted (sha256 and sha512), with
 * lower-case hex of the exact length. See
 * https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
 */
public record Digest(String algorithm, String hex) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA512_HEX = Pattern.compile("[0-9a-f]{128}");

  public Digest {
    if (algorithm == null || hex == null) {
      throw new IllegalArgumentException("digest algorithm and hex must not be null");
    }
    Pattern pattern =
        switch (algorithm) {
          case "sha256" -> SHA256_HEX;
          case "sha512" -> SHA512_HEX;
          default -> throw new IllegalArgumentException(
              "unsupported digest algorithm '" + algorithm + "' (expected sha256 or sha512)");
        };
    if (!pattern.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "invalid " + algorithm + " digest hex '" + abbreviate(hex) + "'");
    }
  }

  /** Parses {@code algorithm:hex}; rejects anything else with the offending text quoted. */
  public static Digest parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("digest must not be null");
    }
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("invalid digest '" + abbreviate(text) + "': expected algorithm:hex");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** Parses a bare sha256 hex string, as used in docker save file names. */
  public static Digest sha256(String hex) {
    return new Digest("sha256", hex.toLowerCase(Locale.ROOT));
  }

  /** Returns the sha256 digest of the given bytes. */
  public static Digest sha256Of(byte[] bytes) {
    return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(bytes)));
  }

  /** Returns a new sha256 {@link MessageDigest}; every JDK ships it. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Returns a new {@link MessageDigest} for this digest's algorithm. */
  public MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  /** Returns true when the finished message digest equals this digest. */
  public boolean matches(byte[] computed) {
    return hex.equals(HexFormat.of().formatHex(computed));
  }

  /** Returns the first 12 hex characters, as Docker shows image ids. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
