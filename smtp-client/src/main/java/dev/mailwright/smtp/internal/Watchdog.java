package dev.mailwright.smtp.internal;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread per pool that closes the socket of a send that overran its time limit (the
 * message's deadline, or the write plus read timeout for one transaction). It replaces Angus's
 * {@code writetimeout}, which schedules a timer task for every socket write and costs more CPU
 * than the rest of the send.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    /** A send being watched. */
    static final class Watch {
        final Socket socket;
        final long abortAtNanos;
        volatile boolean fired;

        Watch(Socket socket, long abortAtNanos) {
            this.socket = socket;
            this.abortAtNanos = abortAtNanos;
        }
    }

    private final Map<Watch, Boolean> watched = new ConcurrentHashMap<>();
    private final long tickMillis;
    private final Thread thread;
    private volatile boolean closed;

    Watchdog(String name, Duration tick) {
        this.tickMillis = Math.max(10, tick.toMillis());
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * @param socket the connection's socket, or null when unknown (then nothing is watched)
     * @param limitNanos the longest the send may take from now
     * @return the watch, to pass to {@link #done(Watch)}
     */
    Watch start(Socket socket, long limitNanos) {
        Watch w = new Watch(socket, System.nanoTime() + limitNanos);
        if (socket != null) {
            watched.put(w, Boolean.TRUE);
        }
        return w;
    }

    /** @param w the watch of a finished send */
    void done(Watch w) {
        watched.remove(w);
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watched.keySet()) {
                if (now - w.abortAtNanos > 0 && !w.fired) {
                    w.fired = true;
                    LOG.debug("aborting an SMTP send that overran its time limit");
                    try {
                        w.socket.close();
                    } catch (IOException e) {
                        LOG.debug("closing the overrunning socket failed: {}", e.toString());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
