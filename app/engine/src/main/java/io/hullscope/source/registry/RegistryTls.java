package io.hullscope.source.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the TLS context for one registry or Harbor host: the JDK's trusted CAs, plus the CAs of a PEM file when
 * the host's settings name one. Certificate and host name verification stay on in every case;
 * there is no switch that trusts any certificate.
 */
public final class RegistryTls {

  private RegistryTls() {}

  /** Returns the JDK's default context when {@code caFile} is null. */
  public static SSLContext context(Path caFile, String registry) throws RegistryException {
    try {
      if (caFile == null) {
        return SSLContext.getDefault();
      }
      Collection<? extends Certificate> added = readPem(caFile, registry);
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int index = 0;
      for (X509Certificate accepted : defaultTrustManager().getAcceptedIssuers()) {
        trust.setCertificateEntry("jdk-" + index++, accepted);
      }
      for (Certificate certificate : added) {
        trust.setCertificateEntry("custom-" + index++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (RegistryException e) {
      throw e;
    } catch (GeneralSecurityException | IOException e) {
      throw new RegistryException("cannot set up TLS for registry " + registry + ": " + e.getMessage(), -1, e);
    }
  }

  private static Collection<? extends Certificate> readPem(Path caFile, String registry) throws RegistryException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new RegistryException("cannot read the CA file " + caFile + " for registry " + registry + ": " + e.getMessage(), -1, e);
    } catch (GeneralSecurityException e) {
      throw new RegistryException("the CA file " + caFile + " for registry " + registry
          + " is not a valid PEM certificate file: " + e.getMessage(), -1, e);
    }
    if (certificates.isEmpty()) {
      throw new RegistryException("the CA file " + caFile + " for registry " + registry
          + " contains no certificate; expected PEM blocks starting with -----BEGIN CERTIFICATE-----", -1);
    }
    return certificates;
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
  }
}
