package io.netobs.canary.probe;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust an HTTP probe uses: the JDK's, a PEM CA file (internal services), or none (expiry checks
 * only). OkHttp wants the trust manager next to the socket factory; {@code hostnameVerifier} is null
 * when OkHttp's own verifier applies.
 */
record TlsTrust(SSLSocketFactory socketFactory, X509TrustManager trustManager, HostnameVerifier hostnameVerifier) {

    static TlsTrust of(boolean insecure, String caFile) throws Exception {
        if (insecure) {
            X509TrustManager all = new TrustAll();
            return new TlsTrust(context(all).getSocketFactory(), all, (host, session) -> true);
        }
        KeyStore ks = null;
        if (caFile != null && !caFile.isBlank()) {
            ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
                if (i == 0) {
                    throw new IllegalArgumentException("no certificate in " + caFile);
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks); // null = the JDK's default trust store
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return new TlsTrust(context(x).getSocketFactory(), x, null);
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    private static SSLContext context(X509TrustManager tm) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
        return ctx;
    }

    /** Accepts any chain: still lets the probe read the chain's expiry and the TLS version. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately trusting: the user asked for tls_insecure_skip_verify
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
