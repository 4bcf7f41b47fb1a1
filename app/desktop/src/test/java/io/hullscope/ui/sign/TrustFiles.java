package io.hullscope.ui.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** Makes keys and certificates for the trust settings tests. */
final class TrustFiles {

  private TrustFiles() {}

  static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** Writes {@code key} as a PEM {@code PUBLIC KEY} file, as {@code cosign generate-key-pair} writes cosign.pub. */
  static Path writePublicKey(Path file, PublicKey key) throws Exception {
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    Files.createDirectories(file.getParent());
    return Files.writeString(file, pem);
  }

  /** Makes a self-signed certificate with keytool and exports it as PEM ({@code rfc}) or DER. */
  static Path certificate(Path folder, String name, String distinguishedName, boolean pem) throws Exception {
    Path store = folder.resolve(name + ".p12");
    run("keytool", "-genkeypair", "-alias", "root", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
        distinguishedName, "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
        "changeit");
    Path certificate = folder.resolve(name + (pem ? ".pem" : ".cer"));
    if (pem) {
      run("keytool", "-exportcert", "-rfc", "-alias", "root", "-keystore", store.toString(), "-storepass", "changeit",
          "-file", certificate.toString());
    } else {
      run("keytool", "-exportcert", "-alias", "root", "-keystore", store.toString(), "-storepass", "changeit",
          "-file", certificate.toString());
    }
    return certificate;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
  }
}
