package dev.mailwright.dns.internal;

import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import java.util.List;

/** Builds findings that always say what was found and, when it is wrong, what was expected. */
final class Findings {
    private Findings() {
    }

    static Finding pass(String code, String found, List<String> evidence) {
        return new Finding(Severity.PASS, code, found, "", evidence);
    }

    static Finding info(String code, String found, List<String> evidence) {
        return new Finding(Severity.INFO, code, found, "", evidence);
    }

    static Finding warning(String code, String found, String expected, String remedy, List<String> evidence) {
        return new Finding(Severity.WARNING, code, message(found, expected), remedy, evidence);
    }

    static Finding failure(String code, String found, String expected, String remedy, List<String> evidence) {
        return new Finding(Severity.FAILURE, code, message(found, expected), remedy, evidence);
    }

    static Finding of(Severity severity, String code, String found, String expected, String remedy,
            List<String> evidence) {
        return severity == Severity.PASS || severity == Severity.INFO
                ? new Finding(severity, code, found, "", evidence)
                : new Finding(severity, code, message(found, expected), remedy, evidence);
    }

    private static String message(String found, String expected) {
        return found + "; expected " + expected;
    }
}
