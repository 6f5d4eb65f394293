package dev.mailwright.core;

import dev.mailwright.core.dkim.DkimSigner;
import dev.mailwright.core.dkim.DkimSigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the DKIM keys of the settings are read ({@code mailwright.dkim.*}), written back and
 * checked. The key files are only looked at (present, readable, an unencrypted PEM private key);
 * {@code mailwright-smtp-client} parses them.
 */
final class DkimSettingsRules {
    /** The most keys the settings may list: each signs every message. */
    static final int MAX_KEYS = DkimSigner.MAX_KEYS;
    private static final String PAIRING = "give one selector per key file, in the same order, such as"
            + " mailwright.dkim.selector=rsa2025, ed2025 and mailwright.dkim.key-file=/etc/mailwright/rsa2025.pem,"
            + " /etc/mailwright/ed2025.pem";
    private static final int PEEK = 64 * 1024;

    private DkimSettingsRules() {
    }

    /** Reads the three DKIM keys' values (null when absent) into the builder; pairing problems become load problems. */
    static void load(String domain, String selectors, String files, EmailSettings.Builder b) {
        String d = domain == null || domain.isBlank() ? null : domain.strip();
        List<String> sel = list(selectors);
        List<String> paths = list(files);
        if (sel.size() != paths.size()) {
            String path = sel.size() < paths.size() ? "dkim.selector" : "dkim.key-file";
            b.loadProblem(new ValidationProblem(path, path + ".count", "dkim.selector lists " + sel.size()
                    + " selector(s) but dkim.key-file lists " + paths.size() + " file(s); " + PAIRING));
        }
        List<DkimKeyFile> keys = new ArrayList<>();
        for (int i = 0; i < Math.min(sel.size(), paths.size()); i++) {
            try {
                keys.add(new DkimKeyFile(sel.get(i), Path.of(paths.get(i))));
            } catch (InvalidPathException e) {
                b.loadProblem(new ValidationProblem("dkim.key-file", "dkim.key-file.invalid", "'"
                        + EmailAddresses.printable(paths.get(i)) + "' is not a file path (" + e.getReason()
                        + "); give the path of the PEM file of the key of selector " + sel.get(i)));
            }
        }
        b.dkim(new DkimSettings(d, keys));
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** Writes the DKIM keys as {@link #load} reads them. */
    static void put(Properties p, DkimSettings dkim) {
        if (dkim.domain() != null) {
            p.setProperty(SettingsKey.DKIM_DOMAIN.property(), dkim.domain());
        }
        if (dkim.isEnabled()) {
            p.setProperty(SettingsKey.DKIM_SELECTOR.property(),
                    dkim.keys().stream().map(DkimKeyFile::selector).collect(Collectors.joining(", ")));
            p.setProperty(SettingsKey.DKIM_KEY_FILE.property(),
                    dkim.keys().stream().map(k -> k.file().toString()).collect(Collectors.joining(", ")));
        }
    }

    /** Checks the domain, the selectors and that each key file is an unencrypted PEM private key. */
    static void validate(EmailSettings s, List<ValidationProblem> out) {
        DkimSettings dkim = s.dkim();
        if (dkim.domain() != null && !HostNames.isValidHostName(trimDot(dkim.domain().strip()))) {
            out.add(new ValidationProblem("dkim.domain", "dkim.domain.invalid", "'" + EmailAddresses.printable(dkim.domain())
                    + "' is not a valid domain name; give the domain of the From address, such as ghe.example.com"));
        }
        if (!dkim.isEnabled()) {
            if (dkim.domain() != null) {
                out.add(new ValidationProblem("dkim.key-file", "dkim.key-file.missing", "dkim.domain is set but no DKIM key;"
                        + " add mailwright.dkim.selector and mailwright.dkim.key-file, or remove dkim.domain"));
            }
            return;
        }
        if (dkim.domain() == null && dkim.signingDomain(s.noReplyAddress().orElse(null)).isEmpty()) {
            out.add(new ValidationProblem("dkim.domain", "dkim.domain.missing", "DKIM keys are set but there is no"
                    + " signing domain: set mailwright.dkim.domain, or a valid no-reply address whose domain is used"));
        }
        if (dkim.keys().size() > MAX_KEYS) {
            out.add(new ValidationProblem("dkim.key-file", "dkim.key-file.too-many", dkim.keys().size()
                    + " DKIM keys are set; each signs every message: keep at most " + MAX_KEYS
                    + " (usually one RSA and one Ed25519 key, plus the next ones during a rotation)"));
        }
        Set<String> seen = new HashSet<>();
        for (DkimKeyFile k : dkim.keys()) {
            if (!DkimSigningKey.isValidSelector(k.selector())) {
                out.add(new ValidationProblem("dkim.selector", "dkim.selector.invalid", "'" + EmailAddresses.printable(k.selector())
                        + "' is not a valid DKIM selector; use letters, digits, hyphens and underscores in dot-separated"
                        + " labels, such as rsa2025"));
            } else if (!seen.add(k.selector().toLowerCase(Locale.ROOT))) {
                out.add(new ValidationProblem("dkim.selector", "dkim.selector.duplicate", "the selector " + k.selector()
                        + " is listed twice; each key needs its own selector"));
            }
            keyFile(k, out);
        }
    }

    private static void keyFile(DkimKeyFile k, List<ValidationProblem> out) {
        Path f = k.file();
        String which = "the DKIM key file " + f + " (selector " + EmailAddresses.printable(k.selector()) + ")";
        if (!Files.exists(f)) {
            out.add(problem("missing", which + " does not exist; give the PEM file of the private key, such as one made by"
                    + " openssl genpkey -algorithm ed25519 -out " + f));
            return;
        }
        if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
            out.add(problem("unreadable", which + " is not a readable file; check the path and that the user running"
                    + " Mailwright may read it (keep it owner-only: chmod 600)"));
            return;
        }
        String head;
        try (InputStream in = Files.newInputStream(f)) {
            head = new String(in.readNBytes(PEEK), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            out.add(problem("unreadable", which + " cannot be read (" + IoErrors.describe(e) + "); check its permissions"));
            return;
        }
        if (head.contains("ENCRYPTED PRIVATE KEY") || head.contains("Proc-Type: 4,ENCRYPTED")) {
            out.add(problem("encrypted", which + " is protected by a passphrase; Mailwright reads unencrypted keys:"
                    + " write one with openssl pkey -in " + f + " -out " + f + ".plain and protect it with chmod 600"));
        } else if (!head.contains("-----BEGIN") || !head.contains("PRIVATE KEY-----")) {
            out.add(problem("not-pem", which + " holds no PEM private key" + (head.contains("PUBLIC KEY-----")
                    ? " but a public key; give the private key here and publish the public key in DNS"
                    : "; give a file that starts with -----BEGIN PRIVATE KEY-----")));
        }
    }

    private static ValidationProblem problem(String code, String message) {
        return new ValidationProblem("dkim.key-file", "dkim.key-file." + code, message);
    }

    private static String trimDot(String h) {
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
