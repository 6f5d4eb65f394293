package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.smtp.spi.MailTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory and pickup transports. */
class LocalTransportsTest {

    @Test
    void memory_keepsMessagesWithSimpleAssertions() {
        MemoryTransport memory = new MemoryTransport();
        try (NotificationMailer mailer = Fixtures.mailer(memory).build()) {
            SendResult result = mailer.send(Fixtures.issue().build());
            assertThat(result.isSent()).isTrue();
            assertThat(result.recipients()).containsExactly(RecipientStatus.accepted("octocat@example.com"));
        }
        memory.assertCount(1);
        assertThat(memory.assertSentTo("octocat@example.com").text()).contains("Subject: [octo/hello-world]");
        assertThat(memory.single().messageId()).isEqualTo("<octo/hello-world/issues/42@ghe.example.com>");
        assertThatThrownBy(() -> memory.assertCount(2)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 2 message(s)").hasMessageContaining("<octo/hello-world/issues/42@ghe.example.com>");
        assertThatThrownBy(() -> memory.assertSentTo("other@example.com")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("octocat@example.com");
        memory.clear();
        memory.assertCount(0);
    }

    @Test
    void pickup_writesOneEmlPerMessageAtomically(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("outbox");
        MailTransport pickup = MailTransports.open("pickup:" + out, Fixtures.settings());
        try (NotificationMailer mailer = Fixtures.mailer(pickup).build()) {
            SendResult first = mailer.send(Fixtures.issue().build());
            SendResult second = mailer.send(Fixtures.pullRequestComment().build());
            assertThat(first.isSent()).isTrue();
            assertThat(((SendResult.Sent) second).queueId()).endsWith(".eml");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(2).allMatch(p -> p.getFileName().toString().endsWith(".eml"));
        assertThat(files).noneMatch(p -> p.getFileName().toString().startsWith("."));
        String text = Files.readString(files.get(0));
        assertThat(text).startsWith("Date: ").contains("Message-ID: <octo/hello-world/issues/42@ghe.example.com>\r\n");
        byte[] expected = Fixtures.mailer(new MemoryTransport()).build().compose(Fixtures.issue().build()).content();
        assertThat(Files.readAllBytes(files.get(0))).isEqualTo(expected);
    }

    @Test
    void pickup_reportsAnUnwritableDirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        try (NotificationMailer mailer = Fixtures.mailer(MailTransports.open("pickup:" + file, Fixtures.settings()))
                .retry(RetryPolicy.NONE).build()) {
            SendResult result = mailer.send(Fixtures.issue().build());
            assertThat(result).isInstanceOf(SendResult.Failed.class);
            assertThat(((SendResult.Failed) result).detail()).contains("cannot write").contains("not-a-dir");
        }
    }
}
