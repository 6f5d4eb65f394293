package dev.mailwright.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Plain-words descriptions of I/O failures for error messages. */
final class IoErrors {
    private IoErrors() {
    }

    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "the file does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.toString();
    }
}
