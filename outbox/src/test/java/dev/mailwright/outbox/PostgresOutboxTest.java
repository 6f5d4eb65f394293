package dev.mailwright.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.outbox.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** The outbox's contract on PostgreSQL: a real server, a private cluster, a fresh database per test. */
class PostgresOutboxTest extends OutboxContract {
    private HikariDataSource db;

    @Override
    OutboxStore newStore() {
        db = TestDatabases.fresh();
        OutboxStore store = OutboxStores.postgres(db);
        store.migrate();
        return store;
    }

    @Override
    OutboxStore reopenStore() {
        return OutboxStores.postgres(db);
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
