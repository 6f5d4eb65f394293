package dev.mailwright.inbound;

import java.nio.file.Path;

/**
 * A child JVM for {@link SpoolCrashTest}: a listener with a spool on a free port, printing
 * {@code port N} once it listens, until it is killed.
 */
public final class SpoolListenerWorker {
    private SpoolListenerWorker() {
    }

    /** @param args maildir, spool directory */
    public static void main(String[] args) throws Exception {
        InboundListener listener = InboundListener.builder().hostname(Fixtures.HOST).keyRing(Fixtures.KEYS)
                .maildir(Path.of(args[0])).spool(Path.of(args[1])).port(0).build().start();
        System.out.println("port " + listener.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
