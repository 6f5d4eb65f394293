package dev.mailwright.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.core.spi.DeliveryLedger;
import dev.mailwright.core.spi.NoticeThrottle;
import dev.mailwright.core.spi.SuppressionStore;
import dev.mailwright.core.testing.DeliveryLedgerContract;
import dev.mailwright.core.testing.NoticeThrottleContract;
import dev.mailwright.core.testing.SuppressionStoreContract;
import dev.mailwright.outbox.testsupport.TestDatabases;
import java.time.Clock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL delivery ledger, notice throttle and suppression store keep the same contracts as
 * their file defaults, on a real server (a fresh database per test, migrated by
 * {@link PostgresStores#migrate}).
 */
class PostgresSharedStateTest {

    /** A fresh, migrated database around each test. */
    static final class FreshDatabase implements BeforeEachCallback, AfterEachCallback {
        private HikariDataSource db;

        @Override
        public void beforeEach(ExtensionContext context) {
            db = TestDatabases.fresh();
            PostgresStores.migrate(db);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            db.close();
        }

        HikariDataSource get() {
            return db;
        }
    }

    /** The delivery ledger. */
    @Nested
    class Ledger extends DeliveryLedgerContract {
        @RegisterExtension
        final FreshDatabase db = new FreshDatabase();

        @Override
        protected DeliveryLedger open() {
            return PostgresStores.deliveryLedger(db.get());
        }
    }

    /** The rejection-notice throttle. */
    @Nested
    class Throttle extends NoticeThrottleContract {
        @RegisterExtension
        final FreshDatabase db = new FreshDatabase();

        @Override
        protected NoticeThrottle open(Clock clock) {
            return PostgresStores.noticeThrottle(db.get(), clock);
        }
    }

    /** The suppression store. */
    @Nested
    class Suppressions extends SuppressionStoreContract {
        @RegisterExtension
        final FreshDatabase db = new FreshDatabase();

        @Override
        protected SuppressionStore open() {
            return PostgresStores.suppressionStore(db.get());
        }
    }
}
