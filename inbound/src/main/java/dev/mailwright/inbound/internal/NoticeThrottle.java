package dev.mailwright.inbound.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Allows one rejection notice per sender and reason per UTC day; remembers the last 10,000 pairs. */
public final class NoticeThrottle {
    private static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Map<String, LocalDate> lastSent = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LocalDate> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** @param clock decides the day */
    public NoticeThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param sender the sender
     * @param code the reason
     * @return true, and records it, when no notice went to that sender for that reason today
     */
    public synchronized boolean tryAcquire(String sender, String code) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String key = sender + "\n" + code;
        if (today.equals(lastSent.get(key))) {
            return false;
        }
        lastSent.put(key, today);
        return true;
    }
}
