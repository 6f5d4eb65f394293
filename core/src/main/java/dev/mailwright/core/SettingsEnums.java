package dev.mailwright.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

final class SettingsEnums {
    private SettingsEnums() {
    }

    static <E extends Enum<E>> E fromKey(Class<E> type, String key, Function<E, String> keyOf) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (E e : type.getEnumConstants()) {
            if (keyOf.apply(e).equals(k)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(keyOf).collect(Collectors.joining(", ")));
    }
}
