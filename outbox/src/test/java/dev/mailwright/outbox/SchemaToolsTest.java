package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL schema ships as versioned SQL files that Outbox.migrate(), Flyway and Liquibase
 * each apply, on a real server; the store works on the result of each.
 */
class SchemaToolsTest {

    @Test
    void migrate_fromTwoNodesAtOnce_appliesEachVersionOnce_andRefusesAChangedScript() throws Exception {
        try (HikariDataSource db = TestDatabases.fresh()) {
            OutboxStore a = OutboxStores.postgres(db);
            OutboxStore b = OutboxStores.postgres(db);
            CompletableFuture.allOf(CompletableFuture.runAsync(a::migrate), CompletableFuture.runAsync(b::migrate)).get();
            a.migrate();
            assertThat(count(db, "SELECT COUNT(*) FROM mailwright_schema_history")).isEqualTo(2);
            worksOn(db);

            execute(db, "UPDATE mailwright_schema_history SET checksum = 'edited' WHERE version = 1");
            assertThatThrownBy(a::migrate).isInstanceOf(OutboxException.class).hasMessageContaining("must never change")
                    .hasMessageContaining("edited");
        }
    }

    @Test
    void flyway_appliesTheShippedFiles_andMigrateThenSaysTheSchemaIsFlyways() throws Exception {
        try (HikariDataSource db = TestDatabases.fresh()) {
            var result = Flyway.configure().dataSource(db).locations("classpath:db/mailwright-postgresql").load().migrate();
            assertThat(result.migrationsExecuted).isEqualTo(2);
            worksOn(db);
            assertThatThrownBy(() -> OutboxStores.postgres(db).migrate()).isInstanceOf(OutboxException.class)
                    .hasMessageContaining("managed by another tool");
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void liquibase_appliesTheShippedFilesAsFormattedSqlChangelogs() throws Exception {
        try (HikariDataSource db = TestDatabases.fresh()) {
            for (String file : List.of("V1__outbox.sql", "V2__shared_state.sql")) {
                // Liquibase closes the connection it is given: one connection per changelog
                try (Connection c = db.getConnection()) {
                    Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                    try (Liquibase liquibase = new Liquibase("db/mailwright-postgresql/" + file,
                            new ClassLoaderResourceAccessor(), database)) {
                        liquibase.update("");
                    }
                }
            }
            assertThat(count(db, "SELECT COUNT(*) FROM databasechangelog WHERE id IN ('1', '2') AND author = 'mailwright'"))
                    .isEqualTo(2);
            worksOn(db);
        }
    }

    private static void worksOn(HikariDataSource db) {
        try (var store = PostgresStores.suppressionStore(db)) {
            store.update("bounced@example.com", e -> e);
            assertThat(store.entries()).hasSize(1);
        }
        assertThat(PostgresStores.noticeThrottle(db).tryAcquire("a@example.com", "address.forged")).isTrue();
        try (Outbox o = Outbox.builder().store(OutboxStores.postgres(db)).mailer(Fixtures.mailer(25)).workers(0).build()) {
            Enqueued e = o.enqueue(Fixtures.notification(1, "example.com"));
            assertThat(o.admin().list(EntryFilter.of(EntryState.QUEUED), 5)).extracting(OutboxEntry::id).containsExactly(e.id());
        }
    }

    private static long count(HikariDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(HikariDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
