package dev.mailwright.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real DKIM peers of the tests: OpenDKIM ({@code opendkim -t}, its test mode, which verifies
 * with keys from a file and signs with a key file) and dkimpy ({@code python3-dkim}, with
 * {@code python3-nacl} for Ed25519), DNS replaced by a table of records as in PEERS.md. Keys are
 * generated in Java and written as PEM (PKCS#8) files, the form {@code openssl genpkey} writes.
 * A missing peer fails the test with what to install.
 */
public final class DkimPeers {
    private static final String DKIMPY = String.join("\n",
            "import sys, base64, dkim",
            "mode = sys.argv[1]",
            "msg = open(sys.argv[2], 'rb').read()",
            "if mode == 'verify':",
            "    keys = dict(l.rstrip('\\n').split(' ', 1) for l in open(sys.argv[3]) if l.strip())",
            "    def txt(name, timeout=5):",
            "        v = keys.get(name.decode().rstrip('.'))",
            "        return v.encode() if v else None",
            "    out = []",
            "    n = len([h for h in dkim.DKIM(msg).headers if h[0].lower() == b'dkim-signature'])",
            "    for i in range(n):",
            "        d = dkim.DKIM(msg)",
            "        try:",
            "            ok = d.verify(idx=i, dnsfunc=txt)",
            "            out.append('pass' if ok else 'fail')",
            "        except dkim.DKIMException as e:",
            "            out.append('fail ' + str(e))",
            "    print(' | '.join(out) if out else 'none')",
            "else:",
            "    sel, dom, keyfile, alg, length = sys.argv[3:8]",
            "    key = open(keyfile, 'rb').read()",
            "    inc = [b'from', b'to', b'subject', b'date', b'message-id']",
            "    sig = dkim.sign(msg, sel.encode(), dom.encode(), key, signature_algorithm=alg.encode(),",
            "                    include_headers=inc, length=(length == 'l'),",
            "                    canonicalize=(b'relaxed', b'relaxed'))",
            "    sys.stdout.buffer.write(sig + msg)");

    private DkimPeers() {
    }

    /** @return a new 2048-bit RSA key pair */
    public static KeyPair rsa() {
        return generate("RSA", 2048);
    }

    /** @return a new Ed25519 key pair */
    public static KeyPair ed25519() {
        return generate("Ed25519", 0);
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** @return the key as a PEM PKCS#8 file ({@code -----BEGIN PRIVATE KEY-----}), as openssl writes it */
    public static String pem(PrivateKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** @return the key as a PEM public key file */
    public static String pem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Verifies with OpenDKIM's test mode.
     *
     * @param message the message file
     * @param records record name to TXT value, the "DNS" it sees
     * @return OpenDKIM's report, such as {@code ... verification (s=s1, d=example.test, 2048-bit key) succeeded},
     *     and its Authentication-Results with one {@code dkim=pass ... header.a=rsa-sha256} per signature
     */
    public static String opendkimVerify(Path message, Map<String, String> records) {
        return opendkimVerify(List.of(message), records);
    }

    /**
     * Verifies several messages with one run of OpenDKIM's test mode.
     *
     * @param messages the message files
     * @param records record name to TXT value
     * @return OpenDKIM's report: a {@code verification ... succeeded} or {@code failed} line per message, and
     *     (with {@code -vv}) its Authentication-Results with one {@code dkim=} result per signature
     */
    public static String opendkimVerify(List<Path> messages, Map<String, String> records) {
        Path opendkim = Peers.require("opendkim", "opendkim");
        Path dir = tempDir();
        Path keys = write(dir.resolve("keys.txt"), table(records));
        Path conf = write(dir.resolve("opendkim.conf"), "Mode v\nSyslog no\nTestPublicKeys " + keys + "\n");
        List<String> names = messages.stream().map(Path::toString).toList();
        return run(List.of(opendkim.toString(), "-x", conf.toString(), "-vv", "-t", String.join(",", names)));
    }

    /**
     * Signs with OpenDKIM's test mode, relaxed/relaxed.
     *
     * @param message the message file
     * @param domain d=
     * @param selector s=
     * @param key the private key (RSA or Ed25519)
     * @return the message with OpenDKIM's DKIM-Signature field in front
     */
    public static byte[] opendkimSign(Path message, String domain, String selector, PrivateKey key) {
        Path opendkim = Peers.require("opendkim", "opendkim");
        Path dir = tempDir();
        Path keyFile = write(dir.resolve(selector + ".pem"), pem(key));
        String alg = key.getAlgorithm().equals("RSA") ? "rsa-sha256" : "ed25519-sha256";
        Path conf = write(dir.resolve("opendkim.conf"), "Mode s\nSyslog no\nRequireSafeKeys false\nDomain " + domain
                + "\nSelector " + selector + "\nKeyFile " + keyFile + "\nCanonicalization relaxed/relaxed\n"
                + "SignatureAlgorithm " + alg + "\n");
        String out = run(List.of(opendkim.toString(), "-x", conf.toString(), "-t", message.toString()));
        int at = out.indexOf("DKIM-Signature:");
        if (at < 0) {
            throw new AssertionError("opendkim did not sign " + message + ": " + out);
        }
        String field = out.substring(at).stripTrailing().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
        byte[] f = field.getBytes(StandardCharsets.US_ASCII);
        byte[] m = read(message);
        byte[] both = Arrays.copyOf(f, f.length + m.length);
        System.arraycopy(m, 0, both, f.length, m.length);
        return both;
    }

    /**
     * Verifies each signature with dkimpy.
     *
     * @param message the message file
     * @param records record name to TXT value
     * @return one word per signature, top first, joined with " | ": {@code pass}, {@code fail ...}; or {@code none}
     */
    public static String dkimpyVerify(Path message, Map<String, String> records) {
        Path dir = tempDir();
        Path keys = write(dir.resolve("keys.txt"), table(records));
        return python(dir, List.of("verify", message.toString(), keys.toString())).strip();
    }

    /**
     * Signs with dkimpy, relaxed/relaxed, signing From, To, Subject, Date and Message-ID.
     *
     * @param message the message file
     * @param domain d=
     * @param selector s=
     * @param key the private key (RSA or Ed25519)
     * @param bodyLength whether to add {@code l=}
     * @return the signed message
     */
    public static byte[] dkimpySign(Path message, String domain, String selector, PrivateKey key, boolean bodyLength) {
        Path dir = tempDir();
        boolean rsa = key.getAlgorithm().equals("RSA");
        byte[] encoded = key.getEncoded();
        String keyText = rsa ? pem(key) : Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32,
                encoded.length));
        Path keyFile = write(dir.resolve("key"), keyText);
        String out = python(dir, List.of("sign", message.toString(), selector, domain, keyFile.toString(),
                rsa ? "rsa-sha256" : "ed25519-sha256", bodyLength ? "l" : "-"));
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * @param opendkimOutput what {@link #opendkimVerify} returned
     * @return the number of {@code dkim=pass} results in it
     */
    public static long opendkimPasses(String opendkimOutput) {
        return java.util.regex.Pattern.compile("dkim=pass ").matcher(opendkimOutput).results().count();
    }

    private static String python(Path dir, List<String> args) {
        // Debian's python3-dkim lives in the system interpreter; another python3 may come first on the PATH.
        Path system = Path.of("/usr/bin/python3");
        Path python = Files.isExecutable(system) ? system : Peers.require("python3", "python3-dkim");
        Path script = write(dir.resolve("dkimpy.py"), DKIMPY + "\n");
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
        cmd.addAll(args);
        String out = run(cmd);
        if (out.contains("ModuleNotFoundError")) {
            throw new AssertionError("dkimpy is not installed. Run `sudo scripts/install-peers.sh` (it installs the Debian"
                    + " packages python3-dkim and python3-nacl) and run the tests again. " + out);
        }
        return out;
    }

    private static String table(Map<String, String> records) {
        StringBuilder t = new StringBuilder();
        records.forEach((name, value) -> t.append(name).append(' ').append(value).append('\n'));
        return t.toString();
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("dkim-peer-");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
