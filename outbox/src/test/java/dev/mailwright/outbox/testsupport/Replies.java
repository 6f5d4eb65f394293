package dev.mailwright.outbox.testsupport;

import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replies to notifications written into a maildir the way Postfix's virtual delivery writes them. */
public final class Replies {
    /** The instance's host name (replies arrive under reply.&lt;host&gt;). */
    public static final String HOST = "ghe.example.com";
    private static final ReplyAddressCodec CODEC = new ReplyAddressCodec(Fixtures.KEYS, HOST);

    private Replies() {
    }

    /**
     * @param issue the issue
     * @param user the user
     * @param messageId its Message-ID
     * @param body its text
     * @param relay the relay that delivered this copy (copies differ only in it)
     * @return a reply from tcook@icloud.com to the signed reply address
     */
    public static String reply(long issue, long user, String messageId, String body, String relay) {
        return message(CODEC.encode(new ReplyTarget(ThreadType.ISSUE, issue, user)), messageId, body, relay);
    }

    /**
     * @param messageId its Message-ID
     * @return a reply to a forged reply address (rejected, with a notice to the sender)
     */
    public static String forged(String messageId) {
        return message("reply+i-1-" + "0".repeat(40) + "-5@reply." + HOST, messageId, "forged", "relay1");
    }

    private static String message(String to, String messageId, String body, String relay) {
        return "Return-Path: <tcook@icloud.com>\nDelivered-To: " + to + "\nReceived: from " + relay + " by " + HOST + "\nFrom: Tim Cook <tcook@icloud.com>\n"
                + "To: " + to + "\nSubject: Re: [org/repo] Fix the build (#1)\nMessage-ID: " + messageId + "\n"
                + "Date: Thu, 30 Oct 2014 00:47:18 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
                + body + "\n";
    }

    /**
     * Writes a message into new/ through tmp/, as Postfix does.
     *
     * @param maildir the maildir
     * @param name the file's unique name
     * @param message the message
     * @throws IOException when the disk fails
     */
    public static void deliver(Path maildir, String name, String message) throws IOException {
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(d));
        }
        Path tmp = maildir.resolve("tmp").resolve(name);
        Files.writeString(tmp, message, StandardCharsets.UTF_8);
        Files.move(tmp, maildir.resolve("new").resolve(name));
    }
}
