package dev.mailwright.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply API never hands out or asks for an internal type. */
class ReplyApiSurfaceTest {
    private static final List<Class<?>> API = List.of(ReplyTextExtractor.class, ReplyTextExtractor.Builder.class,
            ReplyInput.class, ExtractedReply.class, ReplyPatternKind.class, ReplyDataException.class);

    @Test
    void publicSignatures_useNoInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : API) {
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
            members.addAll(List.<Constructor<?>>of(type.getDeclaredConstructors()));
            for (Executable member : members) {
                if (!Modifier.isPublic(member.getModifiers())) {
                    continue;
                }
                List<Class<?>> types = new ArrayList<>(List.of(member.getParameterTypes()));
                if (member instanceof Method m) {
                    types.add(m.getReturnType());
                }
                types.stream().filter(t -> t.getName().contains(".internal.")).forEach(t -> leaks.add(member + " uses " + t));
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void builder_isTheOnlyWayToOtherSettings() {
        assertThat(ReplyTextExtractor.Builder.class.getConstructors()).isEmpty();
        assertThat(ReplyTextExtractor.builder().build()).isInstanceOf(ReplyTextExtractor.class);
    }
}
