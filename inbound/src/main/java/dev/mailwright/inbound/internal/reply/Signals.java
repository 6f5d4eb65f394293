package dev.mailwright.inbound.internal.reply;

/**
 * What the extractor saw, turned into a confidence: each sign of doubt multiplies it by a factor
 * below one. Not thread-safe: one per extraction.
 */
final class Signals {
    private double confidence = 1.0;
    private boolean anyMarker;

    void header(boolean strong) {
        anyMarker = true;
        if (!strong) {
            confidence *= 0.9;
        }
    }

    void unmarkedHistory() {
        anyMarker = true;
        confidence *= 0.95;
    }

    void quote() {
        anyMarker = true;
    }

    void signature(boolean delimited) {
        anyMarker = true;
        if (!delimited) {
            confidence *= 0.85;
        }
    }

    void longSignature() {
        confidence *= 0.7;
    }

    void disclaimer() {
        anyMarker = true;
        confidence *= 0.9;
    }

    void footerWithoutNotification() {
        anyMarker = true;
        confidence *= 0.9;
    }

    void interleaved() {
        confidence *= 0.85;
    }

    /** A quoted passage kept with no reply header above it: the person's own quote, or a trimmed one. */
    void ownQuote() {
        confidence *= 0.9;
    }

    void bottomPosted() {
        confidence *= 0.9;
    }

    void htmlWithoutStructure() {
        confidence *= 0.8;
    }

    void truncated() {
        confidence = 0;
    }

    boolean anyMarker() {
        return anyMarker;
    }

    /** @return the confidence; a long text with no marker at all may hide unmarked history */
    double confidence(int keptLines) {
        double c = confidence;
        if (!anyMarker && keptLines > 40) {
            c *= 0.8;
        }
        return Math.max(0, Math.min(1, c));
    }
}
