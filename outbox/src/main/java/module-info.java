/**
 * Mailwright outbox: a durable queue of notifications with workers that send them, retry them for
 * days and dead-letter them; an embedded SQLite store for one node and PostgreSQL for several.
 */
module dev.mailwright.outbox {
    requires transitive dev.mailwright.core;
    requires transitive dev.mailwright.smtp;
    requires transitive java.sql;
    requires org.slf4j;
    requires org.xerial.sqlitejdbc;

    exports dev.mailwright.outbox;
    exports dev.mailwright.outbox.spi;
}
