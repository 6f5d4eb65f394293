package dev.mailwright.examples;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turning replies that an MTA (Postfix's virtual delivery) wrote into a maildir into comments.
 *
 * <p>Run: {@code java -cp cli/target/mailwright.jar dev.mailwright.examples.ReceiveRepliesExample SETTINGS KEYFILE MAILDIR STATEDIR}
 */
public final class ReceiveRepliesExample {
    private ReceiveRepliesExample() {
    }

    /**
     * @param settings the settings (host name, no-reply address and its discard option)
     * @param keys the keys that signed the reply addresses
     * @param maildir the maildir the MTA delivers to, such as /data/user/mail/reply
     * @param state where the pipeline keeps its delivery ledger (exactly-once)
     * @return the comments created
     */
    public static List<DeliveredReply> receive(EmailSettings settings, KeyRing keys, Path maildir, Path state) {
        List<DeliveredReply> comments = new ArrayList<>();
        try (InboundPipeline pipeline = InboundPipeline.builder()
                .settings(settings)
                .keyRing(keys)
                .ledgerDirectory(state)
                .handler(reply -> {
                    // The host application's work: add a comment. Storing reply.deliveryKey() with it
                    // (as a unique column) keeps it to one comment even after a crash mid-call.
                    comments.add(reply);
                    System.out.println("Comment on " + reply.target() + " by " + reply.sender() + ": " + reply.text());
                })
                // The notification's List-Unsubscribe mailto comes back as a request, never as a comment.
                .unsubscribeHandler(request -> System.out.println("Unsubscribe user " + request.target().userId()
                        + " from " + request.target().type() + " " + request.target().id()))
                .build();
             MaildirSource source = MaildirSource.builder(maildir).open()) {
            BatchSummary summary = pipeline.drain(source);
            System.out.println("Processed: " + summary);
        }
        return comments;
    }

    /** @param args the settings file, the key file, the maildir and the state directory */
    public static void main(String[] args) {
        receive(SettingsLoader.fromFile(Path.of(args[0])).requireValid(), KeyRing.fromFile(Path.of(args[1])),
                Path.of(args[2]), Path.of(args[3]));
    }
}
