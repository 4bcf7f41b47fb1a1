package io.hullscope.source.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A private test CA and a server certificate it signed for the IP address 127.0.0.1 only, made
 * with the JDK's keytool so that no other tool is needed.
 *
 * @param caPem the CA certificate as PEM
 * @param serverKeystore PKCS12 file with the server key and its chain, password {@link #PASSWORD}
 * @param serverPem the server certificate as PEM
 */
record TestCertificates(Path caPem, Path serverKeystore, Path serverPem) {

  static final String PASSWORD = "changeit";

  /** Creates the CA and the server certificate in {@code folder}; each is valid for two days. */
  static TestCertificates create(Path folder) throws IOException, InterruptedException {
    Path ca = folder.resolve("ca.p12");
    Path server = folder.resolve("server.p12");
    Path caPem = folder.resolve("ca.pem");
    Path request = folder.resolve("server.csr");
    Path serverPem = folder.resolve("server.pem");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Hullscope Test CA",
        "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-file", caPem.toString());
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", PASSWORD, "-file", request.toString());
    keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-infile", request.toString(),
        "-outfile", serverPem.toString(), "-rfc", "-ext", "san=ip:127.0.0.1", "-validity", "2");
    keytool("-importcert", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString(), "-storepass", PASSWORD, "-noprompt");
    keytool("-importcert", "-alias", "server", "-file", serverPem.toString(), "-keystore", server.toString(), "-storepass", PASSWORD);
    return new TestCertificates(caPem, server, serverPem);
  }

  /** Returns a server-side TLS context that presents the server certificate. */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore keys = loadServerKeystore();
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  /** Writes the server's private key as a PKCS#8 PEM file, the form Go's TLS server reads. */
  Path writeServerKeyPem(Path file) throws IOException, GeneralSecurityException {
    Key key = loadServerKeystore().getKey("server", PASSWORD.toCharArray());
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    return Files.writeString(file, pem);
  }

  private KeyStore loadServerKeystore() throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverKeystore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    return keys;
  }

  /** Runs the JDK's keytool and fails when it fails. */
  static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError("keytool failed: " + command + "\n" + new String(output, StandardCharsets.UTF_8));
    }
  }
}
