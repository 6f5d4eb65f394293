package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.KeyRing;
import dev.mailwright.core.NewThreadScope;
import dev.mailwright.core.ReplyAddressCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New-thread addresses ({@code reply+new-<scope>-<hmac>}, issue 19) at the real listener's RCPT:
 * a signed one is accepted as a reply address is, a forged one is refused at RCPT with a reply that
 * says so. Regression: the listener accepted only {@code DecodeResult.Valid} and refused every
 * new-thread address, signed or not, as "not signed by this instance's keys".
 */
class ListenerNewThreadAddressTest {
    private static final NewThreadScope REPO = new NewThreadScope("repo", "42");

    @TempDir
    Path dir;

    private static RawSmtp greeted(InboundListener listener) throws IOException {
        RawSmtp c = RawSmtp.connect(listener.port());
        assertThat(c.reply()).startsWith("220");
        assertThat(c.command("EHLO mail.example.org")).startsWith("250");
        assertThat(c.command("MAIL FROM:<someone@example.org>")).startsWith("250");
        return c;
    }

    @Test
    void signedNewThreadAddress_isAcceptedAtRcpt_andTheMessageIsStored() throws Exception {
        String address = Fixtures.CODEC.encodeNewThread(REPO);
        try (InboundListener listener = Fixtures.listener(dir).build().start(); RawSmtp c = greeted(listener)) {
            assertThat(c.command("RCPT TO:<" + address + ">")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            c.send("From: someone@example.org\r\nTo: " + address + "\r\nSubject: Dark theme\r\n\r\nPlease add one.\r\n.\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0");
        }
        List<String> stored = stored();
        assertThat(stored).singleElement().asString().contains("Delivered-To: " + address).contains("Please add one.");
    }

    @Test
    void newThreadAddressSignedWithAVerifyOnlyKey_isAccepted() throws Exception {
        byte[] retired = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
        String address = new ReplyAddressCodec(KeyRing.of(retired), Fixtures.HOST).encodeNewThread(REPO);
        try (InboundListener listener = InboundListener.builder().hostname(Fixtures.HOST)
                        .keyRing(KeyRing.of(Fixtures.KEY, retired)).maildir(dir.resolve("maildir")).port(0).build().start();
                RawSmtp c = greeted(listener)) {
            assertThat(c.command("RCPT TO:<" + address + ">")).startsWith("250");
        }
    }

    @Test
    void forgedNewThreadAddress_isRefusedAtRcpt_withAReplyThatSaysSo() throws Exception {
        String address = Fixtures.CODEC.encodeNewThread(REPO);
        String otherScope = address.replace("-42-", "-43-");
        String otherKey = new ReplyAddressCodec(KeyRing.of(HexFormat.of().parseHex("ab".repeat(32))), Fixtures.HOST)
                .encodeNewThread(REPO);
        try (InboundListener listener = Fixtures.listener(dir).build().start(); RawSmtp c = greeted(listener)) {
            for (String forged : List.of(otherScope, otherKey)) {
                assertThat(c.command("RCPT TO:<" + forged + ">")).startsWith("550 5.7.1")
                        .contains("New-thread address <" + forged + ">").contains("forged or tampered with");
            }
            assertThat(c.command("DATA")).startsWith("503");
        }
        assertThat(stored()).isEmpty();
    }

    private List<String> stored() throws IOException {
        Path fresh = dir.resolve("maildir/new");
        if (!Files.isDirectory(fresh)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(fresh)) {
            return s.map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
    }
}
