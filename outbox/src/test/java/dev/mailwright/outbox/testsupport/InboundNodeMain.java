package dev.mailwright.outbox.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import dev.mailwright.outbox.PostgresStores;
import java.nio.file.Path;

/**
 * An inbound node in a JVM of its own, for the crash test: drains a maildir with the PostgreSQL
 * ledger and a handler that prints {@code handled <Message-ID>} and then blocks, so that the test
 * kills the node between the handler call and the ledger's record of it. Arguments: the JDBC URL,
 * the maildir; credentials from MAILWRIGHT_JDBC_USER and MAILWRIGHT_JDBC_PASSWORD.
 */
public final class InboundNodeMain {
    private InboundNodeMain() {
    }

    /** @param args JDBC URL, maildir @throws Exception never expected */
    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(System.getenv("MAILWRIGHT_JDBC_USER"));
        config.setPassword(System.getenv("MAILWRIGHT_JDBC_PASSWORD"));
        config.setMaximumPoolSize(3);
        try (HikariDataSource db = new HikariDataSource(config);
                InboundPipeline pipeline = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Replies.HOST)
                        .deliveryLedger(PostgresStores.deliveryLedger(db)).noticeThrottle(PostgresStores.noticeThrottle(db))
                        .handler(reply -> {
                            System.out.println("handled " + reply.messageId());
                            System.out.flush();
                            Thread.sleep(Long.MAX_VALUE);
                        }).build();
                MaildirSource source = MaildirSource.builder(Path.of(args[1])).open()) {
            pipeline.drain(source);
        }
    }
}
