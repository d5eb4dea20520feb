package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.canary.LoopbackHttpServer;
import io.netobs.canary.Probes;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every new connection makes a full TLS handshake, as blackbox_exporter's: a resumed session would carry
 * no certificate, so the probe would time a shorter handshake and keep reporting the expiry of the
 * certificate it saw first. The JDK's server resumes whatever the client offers; its key manager is
 * asked for the private key only in a full handshake, so counting those counts full handshakes.
 */
class HttpTlsSessionTest {
    private final AtomicInteger fullHandshakes = new AtomicInteger();

    @Test
    void shouldMakeAFullHandshakeOnEveryNewConnection(@TempDir Path dir) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        KeyPair kp = kpg.generateKeyPair();
        X500Name dn = new X500Name("CN=netobs-session-test");
        var builder = new JcaX509v3CertificateBuilder(dn, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.parse("2030-01-02T03:04:05Z")), dn, kp.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        try (LoopbackHttpServer server = LoopbackHttpServer.https(context(kp.getPrivate(), cert))) {
            Probe probe = Probes.build("http", Map.of("ca_file", ca.toString()));
            for (int i = 0; i < 3; i++) {
                CanaryResult r = Probes.run(probe, server.url("/text"), Duration.ofSeconds(5)).result();
                assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
                assertThat(r.certExpiryTimestampSeconds()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z").getEpochSecond());
            }
            assertThat(fullHandshakes.get()).isEqualTo(3);
        }
    }

    private SSLContext context(PrivateKey key, X509Certificate cert) throws Exception {
        char[] pw = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, pw, new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new Counting((X509ExtendedKeyManager) kmf.getKeyManagers()[0])}, null, null);
        return ctx;
    }

    /** Delegates everything; counts the private key lookups that only a full handshake makes. */
    private final class Counting extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager km;

        Counting(X509ExtendedKeyManager km) {
            this.km = km;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            fullHandshakes.incrementAndGet();
            return km.getPrivateKey(alias);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return km.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return km.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return km.getCertificateChain(alias);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return km.getServerAliases(keyType, issuers);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return km.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return km.chooseClientAlias(keyType, issuers, socket);
        }
    }
}
