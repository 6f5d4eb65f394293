package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.OutboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Applies Mailwright's versioned SQL files ({@code V<n>__<name>.sql} under {@code db/<folder>/})
 * in order, once each, recording them in {@code mailwright_schema_history} with their SHA-256: the
 * same files a host may run with Flyway or Liquibase instead. Version 2 of the PostgreSQL folder
 * adds the state several nodes share besides the outbox (delivery ledger, notice throttle,
 * suppression list); SQLite has no version 2 (one node keeps that state in files).
 */
public final class Migrator {
    /** The PostgreSQL scripts, in order; the test {@code MigratorTest} checks this list against the folder. */
    public static final List<String> POSTGRESQL = List.of("V1__outbox.sql", "V2__shared_state.sql");
    /** The SQLite scripts, in order. */
    public static final List<String> SQLITE = List.of("V1__outbox.sql");
    static final String HISTORY = "mailwright_schema_history";

    private final String folder;
    private final List<Script> scripts;

    /**
     * @param folder {@code mailwright-postgresql} or {@code mailwright-sqlite}
     * @param files the scripts in order
     */
    public Migrator(String folder, List<String> files) {
        this.folder = folder;
        List<Script> list = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            list.add(Script.load("db/" + folder + "/" + files.get(i), i + 1));
        }
        this.scripts = List.copyOf(list);
    }

    /** One versioned file. */
    record Script(int version, String path, String sql, String checksum) {
        static Script load(String path, int version) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (!name.startsWith("V" + version + "__")) {
                throw new IllegalStateException("script " + path + " is not version " + version);
            }
            try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("schema script " + path + " is missing from the class path");
                }
                byte[] bytes = in.readAllBytes();
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                return new Script(version, path, new String(bytes, StandardCharsets.UTF_8), sha);
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot read schema script " + path, e);
            }
        }

        /** @return the statements: each ends with a semicolon at the end of a line */
        List<String> statements() {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : sql.split("\n")) {
                String t = line.strip();
                if (t.startsWith("--") || t.isEmpty()) {
                    continue;
                }
                current.append(line).append('\n');
                if (t.endsWith(";")) {
                    String s = current.toString().strip();
                    out.add(s.substring(0, s.length() - 1));
                    current.setLength(0);
                }
            }
            if (!current.toString().isBlank()) {
                throw new IllegalStateException(path + " ends with a statement without a semicolon");
            }
            return out;
        }
    }

    /** @return the scripts, in order */
    List<Script> scripts() {
        return scripts;
    }

    /**
     * Applies the missing scripts on a connection inside the caller's transaction (which the caller
     * commits). Call it with a lock held so that two nodes do not migrate at once.
     *
     * @param c the connection, auto-commit off
     * @return how many scripts were applied
     * @throws SQLException when the database fails
     * @throws OutboxException when the schema was made by another tool or a script changed
     */
    public int migrate(Connection c) throws SQLException {
        boolean hadHistory = tableExists(c, HISTORY);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + HISTORY + " (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                    + " checksum VARCHAR(64) NOT NULL, applied_at_ms BIGINT NOT NULL)");
        }
        Map<Integer, String> applied = applied(c);
        if (!hadHistory && applied.isEmpty() && tableExists(c, "mailwright_outbox")) {
            throw new OutboxException("the table mailwright_outbox exists but was not created by Outbox.migrate(): its schema"
                    + " is managed by another tool (Flyway, Liquibase); keep applying db/" + folder + " with that tool"
                    + " and do not call migrate()");
        }
        int done = 0;
        for (Script script : scripts) {
            String sum = applied.get(script.version());
            if (sum != null) {
                if (!sum.equals(script.checksum())) {
                    throw new OutboxException("schema version " + script.version() + " (" + script.path() + ") was applied"
                            + " with another content (checksum " + sum + ", now " + script.checksum() + "); a released"
                            + " script must never change: restore it and add a new version instead");
                }
                continue;
            }
            apply(c, script);
            done++;
        }
        return done;
    }

    private static void apply(Connection c, Script script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : script.statements()) {
                s.execute(sql);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + HISTORY
                + " (version, script, checksum, applied_at_ms) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, script.version());
            ps.setString(2, script.path());
            ps.setString(3, script.checksum());
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    private static Map<Integer, String> applied(Connection c) throws SQLException {
        Map<Integer, String> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + HISTORY)) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, c.getSchema(), table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
