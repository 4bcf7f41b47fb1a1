package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hullscope.check.SecretPrivateKeys.Key;
import io.hullscope.testing.TestData;
import io.hullscope.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Private keys made by the JDK, ssh-keygen and openssl, and PEM text that only looks like a key. */
class SecretPrivateKeysTest {

  @TempDir
  Path folder;

  @ParameterizedTest
  @CsvSource({
      "RSA, RSA private key (PKCS#8)",
      "EC, EC private key (PKCS#8)",
      "Ed25519, Ed25519 private key (PKCS#8)",
      "DSA, DSA private key (PKCS#8)"})
  void jdkPkcs8KeyIsFound(String algorithm, String kind) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    }
    String pem = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());

    List<Key> keys = SecretPrivateKeys.find("config:\n" + pem, 5);

    assertThat(keys).singleElement().satisfies(key -> {
      assertThat(key.kind()).isEqualTo(kind);
      assertThat(key.encrypted()).isFalse();
      assertThat(key.confidence()).isEqualTo(Confidence.HIGH);
      assertThat(key.start()).isEqualTo("config:\n".length());
    });
  }

  @Test
  void sshKeygenKeysAreFound() throws IOException {
    assumeTrue(Tools.runs("ssh-keygen", "-?") || Files.exists(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is missing");
    assertThat(sshKey("ed25519", "", "-C", "test")).singleElement().satisfies(key -> {
      assertThat(key.kind()).isEqualTo("OpenSSH private key");
      assertThat(key.encrypted()).isFalse();
      assertThat(key.confidence()).isEqualTo(Confidence.HIGH);
    });
    assertThat(sshKey("ed25519", "a passphrase", "-C", "test")).singleElement().satisfies(key -> {
      assertThat(key.encrypted()).isTrue();
      assertThat(key.confidence()).isEqualTo(Confidence.MEDIUM);
      assertThat(key.reason()).contains("aes256-ctr");
      assertThat(key.redacted()).startsWith("encrypted OpenSSH private key (");
    });
    assertThat(sshKey("rsa", "", "-b", "2048", "-m", "PEM")).singleElement().satisfies(key -> {
      assertThat(key.kind()).isEqualTo("RSA private key (PKCS#1)");
      assertThat(key.confidence()).isEqualTo(Confidence.HIGH);
    });
    assertThat(sshKey("ecdsa", "", "-m", "PEM")).singleElement().satisfies(key -> {
      assertThat(key.kind()).isEqualTo("EC private key");
      assertThat(key.confidence()).isEqualTo(Confidence.HIGH);
    });
  }

  @Test
  void opensslEncryptedKeysAreMarked() throws IOException {
    Path pkcs8 = folder.resolve("pkcs8.pem");
    Path legacy = folder.resolve("legacy.pem");
    assumeTrue(Tools.runs("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-aes256", "-pass", "pass:secret", "-out", pkcs8.toString()), "openssl is missing");
    assumeTrue(Tools.runs("openssl", "genrsa", "-traditional", "-aes128", "-passout", "pass:secret", "-out",
        legacy.toString(), "2048"), "openssl genrsa -traditional failed");

    assertThat(SecretPrivateKeys.find(Files.readString(pkcs8), 5)).singleElement().satisfies(key -> {
      assertThat(key.kind()).isEqualTo("private key (PKCS#8)");
      assertThat(key.encrypted()).isTrue();
      assertThat(key.confidence()).isEqualTo(Confidence.MEDIUM);
    });
    assertThat(SecretPrivateKeys.find(Files.readString(legacy), 5)).singleElement().satisfies(key -> {
      assertThat(key.kind()).isEqualTo("RSA private key (PKCS#1)");
      assertThat(key.encrypted()).isTrue();
      assertThat(key.confidence()).isEqualTo(Confidence.MEDIUM);
    });
  }

  @Test
  void keyInJsonStringIsFound() throws GeneralSecurityException {
    String pem = pem("PRIVATE KEY", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
    String json = "{\"private_key\": \"" + pem.replace("\n", "\\n") + "\"}";

    assertThat(SecretPrivateKeys.find(json, 5)).singleElement()
        .extracting(Key::confidence).isEqualTo(Confidence.HIGH);
  }

  @Test
  void truncatedKeyIsLowConfidence() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
    String truncated = pem.substring(0, pem.length() / 2);

    assertThat(SecretPrivateKeys.find(truncated, 5)).singleElement().satisfies(key -> {
      assertThat(key.confidence()).isEqualTo(Confidence.LOW);
      assertThat(key.reason()).contains("no END line");
    });
  }

  @Test
  void base64GarbageBodyIsLowConfidence() {
    byte[] garbage = new byte[600];
    new Random(3).nextBytes(garbage);
    garbage[0] = 0x04;

    assertThat(SecretPrivateKeys.find(pem("RSA PRIVATE KEY", garbage), 5)).singleElement()
        .extracting(Key::confidence).isEqualTo(Confidence.LOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n",
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...snip...\n-----END PRIVATE KEY-----\n",
      "-----BEGIN OPENSSH PRIVATE KEY-----\n<your key here>\n-----END OPENSSH PRIVATE KEY-----\n",
      "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
      "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n",
      "if line.startswith('-----BEGIN RSA PRIVATE KEY-----'):\n    return parse(line)\n",
      "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"})
  void keyLookAlikeIsNotReported(String text) {
    assertThat(SecretPrivateKeys.find(text, 5)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "signatures/cosign-legacy/cosign.pub",
      "signatures/cosign-legacy/rekor.pub",
      "signatures/cosign-legacy/pki/pki_root_crts.pem",
      "signatures/cosign-legacy/pki/pki_intermediate_crts.pem"})
  void realPublicKeysAndCertificatesAreNotReported(String fixture) throws IOException {
    String text = Files.readString(TestData.file(fixture));

    assertThat(SecretPrivateKeys.find(text, 5)).isEmpty();
    assertThat(SecretFileScanner.scan("app/" + Path.of(fixture).getFileName(), text.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @Test
  void manyHeadersAreBounded() {
    String text = "-----BEGIN PRIVATE KEY-----\n".repeat(100_000);

    assertThat(SecretPrivateKeys.find(text, 5)).isEmpty();
  }

  private List<Key> sshKey(String type, String passphrase, String... options) throws IOException {
    Path file = folder.resolve("id_" + type + passphrase.length() + options.length);
    List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
        "-f", file.toString()));
    command.addAll(List.of(options));
    assertThat(Tools.runs(command.toArray(String[]::new))).as("ssh-keygen %s", command).isTrue();
    return SecretPrivateKeys.find(Files.readString(file), 5);
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
