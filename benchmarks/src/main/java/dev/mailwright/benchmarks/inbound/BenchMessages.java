package dev.mailwright.benchmarks.inbound;

import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import java.util.HexFormat;

/** Keys, addresses and 4 KB replies shared by the inbound benchmarks. */
final class BenchMessages {
    static final String HOST = "ghe.example.com";
    static final KeyRing KEYS = KeyRing.of(HexFormat.of().parseHex(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    static final ReplyAddressCodec CODEC = new ReplyAddressCodec(KEYS, HOST);

    private BenchMessages() {
    }

    static String address(long issue, long user) {
        return CODEC.encode(new ReplyTarget(ThreadType.ISSUE, issue, user));
    }

    /** @return a reply of about {@code size} bytes as Postfix delivers it */
    static String reply(int n, int size) {
        String to = address(1 + n % 1000, 1 + n % 97);
        StringBuilder b = new StringBuilder(size + 200);
        b.append("Return-Path: <user").append(n % 500).append("@example.org>\n")
                .append("Delivered-To: ").append(to).append('\n')
                .append("Authentication-Results: mx.ghe.example.com; dkim=pass header.d=example.org; spf=pass; dmarc=pass\n")
                .append("From: User <user").append(n % 500).append("@example.org>\n")
                .append("To: ").append(to).append('\n')
                .append("Subject: Re: [org/repo] Issue ").append(1 + n % 1000).append('\n')
                .append("Message-ID: <bench-").append(n).append("@example.org>\n")
                .append("Date: Thu, 30 Oct 2014 00:47:18 +0000\nMIME-Version: 1.0\n")
                .append("Content-Type: text/plain; charset=UTF-8\n\n")
                .append("Thanks, this is reply number ").append(n).append(".\n\n")
                .append("On Wed, Oct 29, 2014 at 11:00 PM, octocat <noreply@ghe.example.com> wrote:\n");
        while (b.length() < size) {
            b.append("> quoted notification text, quoted notification text, quoted notification text\n");
        }
        return b.toString();
    }
}
