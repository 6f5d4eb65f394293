package dev.mailwright.examples;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import java.util.HexFormat;

/**
 * Signing a reply address for a notification and verifying the address a reply came back to.
 *
 * <p>Run: {@code java -cp cli/target/mailwright.jar dev.mailwright.examples.ReplyAddressExample}
 */
public final class ReplyAddressExample {
    private ReplyAddressExample() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        // In production: KeyRing.fromFile(Path.of("/etc/mailwright/reply.keys")) or KeyRing.fromEnvironment(System.getenv()).
        KeyRing keys = KeyRing.of(HexFormat.of().parseHex(KeyRing.generateHexKey()));
        ReplyAddressCodec codec = new ReplyAddressCodec(keys, "ghe.example.com");

        String replyTo = codec.encode(new ReplyTarget(ThreadType.ISSUE, 1, 5));
        System.out.println("Reply-To: " + replyTo);

        // What a mail client may send back: display name, brackets, upper case.
        DecodeResult result = codec.decode("\"Mona\" <" + replyTo.toUpperCase(java.util.Locale.ROOT) + ">");
        if (result instanceof DecodeResult.Valid valid) {
            System.out.println("Reply for " + valid.target());
        }

        // The seed's own example address was signed by another instance's key: forged here.
        DecodeResult seed = new ReplyAddressCodec(keys, "ghe.tjl2.co.ie")
                .decode("reply+i-1-1801beb4df676a79250d1e61e54ab763822c207d-5@reply.ghe.tjl2.co.ie");
        System.out.println("Seed address: " + seed);
    }
}
