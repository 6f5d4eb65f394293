package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolArchiveTest {
    @TempDir
    Path dir;

    @Test
    void appendsMboxrd_quotingFromLines_withTheReason_oneFilePerDay() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T17:53:34Z"), ZoneOffset.UTC);
        SpoolArchive archive = new SpoolArchive(dir, clock);

        Path file = archive.append(List.of(
                new SpoolArchive.Entry("a", "Subject: x\r\n\r\nFrom here\r\n>From there\r\nfrom lower case\r\n".getBytes(StandardCharsets.UTF_8),
                        "delivered to ISSUE 1 for user 5\nsender check: not checked"),
                new SpoolArchive.Entry("b", "Subject: y\r\n\r\nno line end".getBytes(StandardCharsets.UTF_8), "delivered\u0007")));
        archive.append(List.of(new SpoolArchive.Entry("c", "Subject: z\r\n\r\nz\r\n".getBytes(StandardCharsets.UTF_8), "d")));

        assertThat(file.getFileName().toString()).isEqualTo("2026-12-04.mbox");
        assertThat(Files.readString(file)).isEqualTo(
                "From MAILER-DAEMON Fri Dec 4 17:53:34 2026\n"
                + "X-Mailwright-Filed: a; delivered to ISSUE 1 for user 5\r\n"
                + "Subject: x\r\n\r\n>From here\r\n>>From there\r\nfrom lower case\r\n\n"
                + "From MAILER-DAEMON Fri Dec 4 17:53:34 2026\n"
                + "X-Mailwright-Filed: b; delivered \r\n"
                + "Subject: y\r\n\r\nno line end\n\n"
                + "From MAILER-DAEMON Fri Dec 4 17:53:34 2026\n"
                + "X-Mailwright-Filed: c; d\r\n"
                + "Subject: z\r\n\r\nz\r\n\n");
    }
}
