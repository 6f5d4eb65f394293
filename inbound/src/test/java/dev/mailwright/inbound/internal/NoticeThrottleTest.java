package dev.mailwright.inbound.internal;

import dev.mailwright.core.spi.NoticeThrottle;
import dev.mailwright.core.testing.NoticeThrottleContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The file throttle keeps the shared contract, in one directory for every instance. */
class NoticeThrottleTest extends NoticeThrottleContract {
    @TempDir
    Path dir;

    @Override
    protected NoticeThrottle open(Clock clock) {
        return new FileNoticeThrottle(dir.resolve("notices"), clock);
    }
}
