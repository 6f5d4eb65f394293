package dev.mailwright.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.outbox.OutboxStores;
import dev.mailwright.outbox.spi.OutboxStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the outbox is: {@code --store DIR} or {@code --jdbc-url URL}; and {@code --json}. */
final class OutboxOptions {
    static final String USER_ENV = "MAILWRIGHT_JDBC_USER";
    static final String PASSWORD_ENV = "MAILWRIGHT_JDBC_PASSWORD";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    static final class Where {
        @Option(names = "--store", paramLabel = "DIR", description = "The embedded store's directory (holding outbox.db)")
        Path store;

        @Option(names = "--jdbc-url", paramLabel = "URL", description = "A PostgreSQL JDBC URL without credentials,"
                + " such as jdbc:postgresql://db.example.com:5432/forge.")
        String jdbcUrl;
    }

    /** An open store and the pool behind it, closed together. */
    record Opened(OutboxStore store, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                if (pool != null) {
                    pool.close();
                }
            }
        }
    }

    /**
     * @param env the environment
     * @param connections the pool's size for PostgreSQL
     * @return the store
     */
    Opened open(Map<String, String> env, int connections) {
        if (where.store != null) {
            return new Opened(OutboxStores.embedded(where.store), null);
        }
        String url = where.jdbcUrl;
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url '" + url + "' is not a PostgreSQL JDBC URL; use"
                    + " jdbc:postgresql://HOST:PORT/DATABASE");
        }
        if (lower.contains("password") || lower.contains("user=")) {
            throw new IllegalArgumentException("--jdbc-url must not carry credentials (command lines are visible to other"
                    + " users and kept in shell history): put the user in " + USER_ENV + " and the password in " + PASSWORD_ENV);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(env.get(USER_ENV));
        config.setPassword(env.get(PASSWORD_ENV));
        config.setMaximumPoolSize(connections);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("mailwright-outbox");
        HikariDataSource pool = new HikariDataSource(config);
        return new Opened(OutboxStores.postgres(pool, url), pool);
    }

    boolean embedded() {
        return where.store != null;
    }
}
