package io.hullscope.source.harbor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds TLS settings that trust a PEM file of certificate authorities besides the system's. */
final class TrustFiles {

  private TrustFiles() {}

  /**
   * Returns a TLS context that accepts a server certificate when either the system's trust store
   * or one of the certificates in {@code pemFile} vouches for it. Host names are still checked.
   *
   * @throws GeneralSecurityException when the file holds no certificate or an invalid one
   */
  static SSLContext sslContextWith(Path pemFile) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pemFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new CertificateException("no certificate in " + pemFile);
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int n = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + n++, certificate);
    }
    X509TrustManager custom = trustManager(store);
    X509TrustManager system = trustManager(null);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new EitherTrustManager(system, custom)}, null);
    return context;
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  /** Trusts what the first manager trusts, otherwise what the second trusts. */
  private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkClientTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkClientTrusted(chain, authType);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> issuers = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      issuers.addAll(List.of(second.getAcceptedIssuers()));
      return issuers.toArray(new X509Certificate[0]);
    }
  }
}
