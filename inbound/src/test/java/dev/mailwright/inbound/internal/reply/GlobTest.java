package dev.mailwright.inbound.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void anchoredPattern_needsItsPrefixAndSuffix() {
        Glob g = Glob.parse("On * wrote:");
        assertThat(g.matches("on tue, ann wrote:")).isTrue();
        assertThat(g.matches("once ann wrote:")).isFalse();
        assertThat(g.matches("on tue, ann wrote: more")).isFalse();
        assertThat(g.prefix()).isEqualTo("on ");
    }

    @Test
    void middleParts_mustComeInOrderWithoutOverlappingTheEnds() {
        Glob g = Glob.parse("*年*月*日*<*@*>:");
        assertThat(g.matches("2024年3月12日(火) 10:15 山田 <t@example.jp>:")).isTrue();
        assertThat(g.matches("3月2024年12日 <t@example.jp>:")).isFalse();
        assertThat(Glob.parse("ab*ba").matches("aba")).isFalse();
        assertThat(Glob.parse("ab*ba").matches("abba")).isTrue();
    }

    @Test
    void patternWithoutStar_isAnExactLine() {
        assertThat(Glob.parse("Sent from Outlook").matches("sent from outlook")).isTrue();
        assertThat(Glob.parse("Sent from Outlook").matches("sent from outlook today")).isFalse();
    }

    @Test
    void patternOfStarsOnly_isRejectedWithTheValue() {
        assertThatThrownBy(() -> Glob.parse(" * "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\" * \"");
    }

    @Test
    void normalizer_foldsCaseSpacesMarksAndColons() {
        assertThat(Normalizer.normalize("  Le 12\u00A0mars, Jo a\u202Fécrit\u00A0: "))
                .isEqualTo("le 12 mars, jo a écrit:");
        assertThat(Normalizer.normalize("\u200F发件人\uFF1A 王芳")).isEqualTo("发件人: 王芳");
        assertThat(Normalizer.normalize("Message d\u2019origine")).isEqualTo("message d'origine");
    }
}
