package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.smtp.spi.OutgoingMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the composed bytes of each thread kind with a golden file in
 * {@code src/test/resources/golden}. To regenerate after a deliberate change, run with
 * {@code -Dgolden.update=true} and review the diff.
 */
class ComposerGoldenTest {

    static List<Object[]> kinds() {
        return List.of(
                new Object[] {"issue-opened", Fixtures.issue().build()},
                new Object[] {"pull-request-comment", Fixtures.pullRequestComment().build()},
                new Object[] {"commit-comment", Fixtures.commitComment().build()},
                new Object[] {"host-defined-discussion", Fixtures.discussion().build()});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void compose_matchesGoldenFileByteForByte(String name, Notification notification) throws IOException {
        try (NotificationMailer mailer = Fixtures.mailer(new MemoryTransport()).build()) {
            OutgoingMessage message = mailer.compose(notification);
            String resource = "/golden/" + name + ".eml";
            if (Boolean.getBoolean("golden.update")) {
                Path file = Path.of("src/test/resources" + resource);
                Files.createDirectories(file.getParent());
                Files.write(file, message.content());
            }
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertThat(in).as("golden file %s", resource).isNotNull();
                assertThat(Fixtures.text(message.content())).isEqualTo(Fixtures.text(in.readAllBytes()));
            }
            assertThat(message.recipients()).containsExactly("octocat@example.com");
            assertThat(message.envelopeFrom()).startsWith("bounce+").endsWith("-octocat=example.com@noreply.ghe.example.com");
            dev.mailwright.core.BounceAddressResult bounce = dev.mailwright.core.BounceAddressCodec.of(Fixtures.keys(),
                    Fixtures.settings()).decode(message.envelopeFrom());
            assertThat(bounce).isEqualTo(new dev.mailwright.core.BounceAddressResult.Valid(new dev.mailwright.core.BounceTarget(
                    new dev.mailwright.core.ReplyTarget(notification.thread().kind().replyType(), notification.thread().id(), 5),
                    "octocat@example.com"), true));
        }
    }
}
