package dev.mailwright.inbound;

import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Test messages and maildirs laid out the way Postfix's virtual delivery writes them. */
final class Fixtures {
    static final String HOST = "ghe.example.com";
    static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final KeyRing KEYS = KeyRing.of(KEY);
    static final ReplyAddressCodec CODEC = new ReplyAddressCodec(KEYS, HOST);

    private Fixtures() {
    }

    /** @return a listener on a free port of 127.0.0.1, storing into {@code <dir>/maildir}, not yet built */
    static InboundListener.Builder listener(Path dir) {
        return InboundListener.builder().hostname(HOST).keyRing(KEYS).maildir(dir.resolve("maildir")).port(0);
    }

    static String replyAddress(long issue, long user) {
        return CODEC.encode(new ReplyTarget(ThreadType.ISSUE, issue, user));
    }

    static String forgedAddress() {
        return "reply+i-1-" + "0".repeat(40) + "-5@reply." + HOST;
    }

    /** A reply as Postfix delivers it: Return-Path and Delivered-To on top. */
    static String reply(String messageId, String to, String body) {
        return "Return-Path: <tcook@icloud.com>\n"
                + "Delivered-To: " + to + "\n"
                + "Received: from st11p06mm-asmtp002.mac.com (st11p06mm-asmtp002.mac.com [17.172.124.250])\n"
                + "\tby ghe.example.com (Postfix) with ESMTPS id 51DC9163323\n"
                + "Authentication-Results: mx.ghe.example.com; dkim=pass header.d=icloud.com; spf=pass"
                + " smtp.mailfrom=icloud.com; dmarc=pass header.from=icloud.com\n"
                + "From: Tim Cook <tcook@icloud.com>\n"
                + "To: " + to + "\n"
                + "Subject: Re: [org/repo] Fix the build (#1)\n"
                + "Message-ID: " + messageId + "\n"
                + "Date: Thu, 30 Oct 2014 00:47:18 +0000\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "\n"
                + body + "\n"
                + "\n"
                + "On Wed, Oct 29, 2014 at 11:00 PM, octocat <noreply@ghe.example.com> wrote:\n"
                + "> The original notification\n";
    }

    /** Writes a message into new/ under a Postfix-style unique name, through tmp/ like Postfix. */
    static Path deliver(Path maildir, String uniqueName, String message) throws IOException {
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(d));
        }
        Path tmp = maildir.resolve("tmp").resolve(uniqueName);
        Files.writeString(tmp, message, StandardCharsets.UTF_8);
        return Files.move(tmp, maildir.resolve("new").resolve(uniqueName));
    }

    /** @return what one drain of the maildir by a pipeline from the builder did */
    static BatchSummary drain(InboundPipeline.Builder builder, Path maildir) {
        try (InboundPipeline p = builder.build(); MaildirSource source = MaildirSource.builder(maildir).open()) {
            return p.drain(source);
        }
    }

    /** @return the reason a maildir source filed a message with, under {@code <dir>/incoming-mail/<folder>} */
    static String reason(Path dir, String folder, String name) throws IOException {
        return Files.readString(dir.resolve("incoming-mail").resolve(folder).resolve(name + ".reason"));
    }

    static String postfixName(int n) {
        return (1414630039 + n) + ".Vfc00I" + Integer.toHexString(0x12000 + n) + "M" + (445784 + n) + ".ghe-example-com";
    }
}
