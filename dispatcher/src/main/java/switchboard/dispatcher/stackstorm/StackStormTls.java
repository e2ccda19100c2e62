package switchboard.dispatcher.stackstorm;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The TLS trust the client uses: the JDK's, a CA bundle's, or (opted into) none. */
final class StackStormTls {

  private static final Logger LOG = LoggerFactory.getLogger(StackStormTls.class);

  private StackStormTls() {}

  static SSLContext context(StackStormSettings settings) {
    try {
      if (!settings.verifyTls()) {
        LOG.warn(
            "TLS verification towards StackStorm is OFF (verifyTls=false): any certificate and"
                + " host name is accepted. Use a CA bundle instead outside a lab.");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingEveryone()}, null);
        return context;
      }
      if (settings.caBundle() != null) {
        return fromCaBundle(settings.caBundle());
      }
      return SSLContext.getDefault();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot set up TLS towards StackStorm: " + e.getMessage(), e);
    }
  }

  /** Trusts exactly the certificates in a PEM file (one or more), as a CA bundle is meant. */
  private static SSLContext fromCaBundle(Path pemFile)
      throws GeneralSecurityException, IOException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pemFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + pemFile);
    }
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    int n = 0;
    for (Certificate certificate : certificates) {
      trusted.setCertificateEntry("ca-" + n++, certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /**
   * Accepts every chain. Being an {@link X509ExtendedTrustManager}, it also stands in for the JDK's
   * host name check, which the JDK performs inside the trust manager.
   */
  private static final class TrustingEveryone extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
