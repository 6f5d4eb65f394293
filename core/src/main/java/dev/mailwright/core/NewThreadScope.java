package dev.mailwright.core;

import java.util.Objects;

/**
 * The place a new-thread address designates: where mail to it opens a new thread (a repository,
 * a project, a help-desk queue), rather than an existing thread as a {@link ReplyTarget} does.
 * Written {@code reply+new-<type>-<id>-<token>@reply.<hostname>} by
 * {@link ReplyAddressCodec#encodeNewThread(NewThreadScope)}.
 *
 * <p>Both parts are lower case, because mail systems may change the case of an address: the
 * {@code type} is 1 to 20 letters and digits starting with a letter ({@code repo}, {@code project},
 * {@code queue}); the {@code id} is 1 to 64 letters, digits, {@code _} and {@code .}, not starting
 * or ending with a dot and without two dots in a row (a numeric id, or a slug such as
 * {@code acme.widgets}). Neither may contain {@code -}, the separator of the address. The host
 * gives the parts their meaning; Mailwright only signs and verifies them.
 *
 * @param type the kind of place, such as {@code repo}
 * @param id the host application's id of the place
 */
public record NewThreadScope(String type, String id) {
    /** The longest scope type. */
    public static final int MAX_TYPE_LENGTH = 20;
    /** The longest scope id. */
    public static final int MAX_ID_LENGTH = 64;

    /** Validates the fields. */
    public NewThreadScope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        String problem = typeProblem(type);
        if (problem != null) {
            throw new IllegalArgumentException("NewThreadScope type '" + type + "' " + problem);
        }
        problem = idProblem(id);
        if (problem != null) {
            throw new IllegalArgumentException("NewThreadScope id '" + id + "' " + problem);
        }
    }

    /**
     * @param type a candidate scope type
     * @return what is wrong with it, or null when it is valid
     */
    static String typeProblem(String type) {
        if (type.isEmpty() || type.length() > MAX_TYPE_LENGTH) {
            return "must have 1 to " + MAX_TYPE_LENGTH + " characters";
        }
        if (type.charAt(0) < 'a' || type.charAt(0) > 'z') {
            return "must start with a lower-case letter (a-z)";
        }
        for (int i = 0; i < type.length(); i++) {
            if (!isLowerAlnum(type.charAt(i))) {
                return "may hold only lower-case letters and digits (a-z, 0-9)";
            }
        }
        return null;
    }

    /**
     * @param id a candidate scope id
     * @return what is wrong with it, or null when it is valid
     */
    static String idProblem(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return "must have 1 to " + MAX_ID_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isLowerAlnum(c) && c != '_' && c != '.') {
                return "may hold only lower-case letters, digits, '_' and '.' (no '-', the address separator)";
            }
        }
        if (id.startsWith(".") || id.endsWith(".") || id.contains("..")) {
            return "must not start or end with '.' nor hold '..' (not allowed in the local part of an address)";
        }
        return null;
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
