package dev.mailwright.inbound.internal;

/** Text from the network made safe for one log line. */
final class LogText {
    private static final int MAX = 300;

    private LogText() {
    }

    /**
     * @param s text a client sent (an address, a HELO name)
     * @return the text with control characters replaced by {@code ?}, cut at 300 characters
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX + 3));
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > MAX ? b.append("...").toString() : b.toString();
    }
}
