package dev.mailwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs every example program so that none of them can rot. */
class ExamplesTest {

    static String run(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    /** A main method. */
    @FunctionalInterface
    interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void settingsExample() throws Exception {
        String out = run(SettingsExample::main);
        assertThat(out).contains("Draft settings: 4 problem(s)").contains("smtp.port: port 70000 is out of range")
                .contains("Valid: EmailSettings[").contains("password=******").doesNotContain("example-password")
                .contains("valid=true, replies go to reply.ghe.example.com");
    }

    @Test
    void replyAddressExample() throws Exception {
        String out = run(ReplyAddressExample::main);
        assertThat(out).containsPattern("Reply-To: reply\\+i-1-[0-9a-f]{40}-5@reply\\.ghe\\.example\\.com")
                .contains("Reply for ReplyTarget[type=ISSUE, id=1, userId=5]")
                .contains("Seed address: Forged[claimed=ReplyTarget[type=ISSUE, id=1, userId=5]]");
    }
}
