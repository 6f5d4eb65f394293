package dev.mailwright.core.dkim;

import dev.mailwright.core.spi.DkimKeyLookup;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Messages and keys shared by the DKIM tests. */
final class DkimTestMessages {
    static final String DOMAIN = "example.test";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    /** A notification-like message: list headers, one-click unsubscribe, a dot line, trailing spaces, a QP body. */
    static final String MESSAGE = String.join("\r\n",
            "Date: Sat, 1 Mar 2025 10:00:00 +0000",
            "From: Mona Lisa <noreply@example.test>",
            "To: noreply@example.test",
            "Cc: octocat@example.com, Mention <mention@noreply.example.test>",
            "Reply-To: octo/hello-world <reply+i-1001-abc-5@reply.example.test>",
            "Subject: [octo/hello-world] Crash on empty settings (#42)",
            "Message-ID: <octo/hello-world/issues/42@example.test>",
            "List-ID: octo/hello-world <hello-world.octo.example.test>",
            "List-Unsubscribe: <mailto:reply+i-1001-abc-5@reply.example.test?subject=unsubscribe>,",
            " <https://example.test/notifications/unsubscribe/AB12>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 7bit",
            "",
            "@octocat can you look?   ",
            ".a line that starts with a dot",
            "",
            "\ttabbed  and  spaced",
            "",
            "",
            "");

    private DkimTestMessages() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static Map<String, String> records(DkimSigningKey... keys) {
        Map<String, String> m = new LinkedHashMap<>();
        for (DkimSigningKey k : keys) {
            m.put(k.dnsName(DOMAIN), k.dnsRecord());
        }
        return m;
    }

    static DkimVerifier verifier(DkimSigningKey... keys) {
        return DkimVerifier.builder().keyLookup(DkimKeyLookup.of(records(keys))).clock(CLOCK).build();
    }
}
