package dev.mailwright.smtp;

import dev.mailwright.core.EmailAddresses;
import java.util.Objects;

/** Checks shared by the value types of this package: no CR, LF or NUL where a header is built. */
final class Texts {
    private Texts() {
    }

    /**
     * @param value the text that goes into a header
     * @param what the field, for the message
     * @return the value
     * @throws IllegalArgumentException when it is null, blank, or holds CR, LF, NUL or another control
     */
    static String headerSafe(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank; give a non-empty value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException(what + " '" + EmailAddresses.printable(value) + "' contains the control character "
                        + controlName(c) + " at index " + i + ", which could inject a header; remove it");
            }
        }
        return value;
    }

    /**
     * @param value a token used inside addresses, Message-IDs and paths
     * @param what the field, for the message
     * @param extra characters allowed besides letters and digits
     * @return the value
     */
    static String token(String value, String what, String extra) {
        headerSafe(value, what);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || extra.indexOf(c) >= 0);
            if (!ok) {
                throw new IllegalArgumentException(what + " '" + value + "' contains '" + c + "'; only letters, digits and '"
                        + extra + "' are allowed");
            }
        }
        if (value.startsWith(".") || value.endsWith(".") || value.contains("..")) {
            throw new IllegalArgumentException(what + " '" + value + "' has a leading, trailing or double dot");
        }
        return value;
    }

    /** @return the body text, refusing NUL (which no SMTP server accepts) */
    static String body(String value, String what) {
        Objects.requireNonNull(value, what);
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character at index " + nul + "; remove it");
        }
        return value;
    }

    static String controlName(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case 0 -> "NUL";
            default -> String.format("U+%04X", (int) c);
        };
    }
}
