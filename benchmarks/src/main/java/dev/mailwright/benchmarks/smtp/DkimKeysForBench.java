package dev.mailwright.benchmarks.smtp;

import dev.mailwright.core.dkim.DkimAlgorithm;
import dev.mailwright.core.dkim.DkimSigner;
import dev.mailwright.core.dkim.DkimSigningKey;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DKIM signers of the throughput harness: RSA-2048, Ed25519, and both (dual), with keys made at
 * start, configured as {@code DkimKeys.signer} configures them (Ed25519 by Bouncy Castle).
 */
final class DkimKeysForBench {
    static final Map<String, DkimSigner> SIGNERS = signers();

    private DkimKeysForBench() {
    }

    private static Map<String, DkimSigner> signers() {
        try {
            KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
            rsaGen.initialize(2048);
            DkimSigningKey rsa = DkimSigningKey.of("rsa1", rsaGen.generateKeyPair());
            DkimSigningKey ed = DkimSigningKey.of("ed1", KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            Map<String, DkimSigner> m = new LinkedHashMap<>();
            m.put("rsa", signer(rsa));
            m.put("ed25519", signer(ed));
            m.put("dual", signer(rsa, ed));
            return m;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DkimSigner signer(DkimSigningKey... keys) {
        return DkimSigner.builder().domain("ghe.example.com").keys(keys)
                .provider(DkimAlgorithm.ED25519_SHA256, new org.bouncycastle.jce.provider.BouncyCastleProvider()).build();
    }
}
