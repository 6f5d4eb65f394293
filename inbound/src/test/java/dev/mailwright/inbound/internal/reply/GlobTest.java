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
    void starBetweenSpaces_mayMatchNothing() {
        Glob g = Glob.parse("* tarihinde * şunu yazdı:");
        assertThat(g.matches("ann, 10:15 tarihinde şunu yazdı:")).isTrue();
        assertThat(g.matches("ann, 10:15 tarihinde x şunu yazdı:")).isTrue();
        assertThat(g.matches("ann, 10:15 tarihindeşunu yazdı:")).isFalse();
        assertThat(Glob.parse("a * b * c").matches("a b c")).isTrue();
        assertThat(Glob.parse("a * b * c").matches("a bc")).isFalse();
    }

    @Test
    void normalizer_dropsCombiningMarks() {
        assertThat(Normalizer.normalize("أُرسلت من")).isEqualTo(Normalizer.normalize("أرسلت من"));
    }

    @Test
    void dateAndAddressShapes() {
        assertThat(Normalizer.hasYearAndTime("on wed, sep 25, 2013, at 03:57 pm")).isTrue();
        assertThat(Normalizer.hasYearAndTime("۱۲ مارس ۲۰۲۴ ساعت ۱۰:۱۵")).isTrue();
        assertThat(Normalizer.hasYearAndTime("see you at 10:15")).isFalse();
        assertThat(Normalizer.hasYearAndTime("release 2024 is out")).isFalse();
        assertThat(Normalizer.hasAngleAddressThenWords("ann <ann@example.com> wrote:")).isTrue();
        assertThat(Normalizer.hasAngleAddressThenWords("write to support <help@example.com>:")).isFalse();
        assertThat(Normalizer.endsInsideAngle("ann lee <")).isTrue();
        assertThat(Normalizer.endsInsideAngle("ann lee <a@b.c>")).isFalse();
        assertThat(Normalizer.isDelimiterLine("  ***  ")).isTrue();
        assertThat(Normalizer.isDelimiterLine("\u1427")).isTrue();
        assertThat(Normalizer.isDelimiterLine("-- no")).isFalse();
    }

    @Test
    void markdownLinks_countByTheirText() {
        assertThat(LanguageData.withoutLinks("get [outlook for android](https://aka.ms/x) now"))
                .isEqualTo("get outlook for android now");
        assertThat(LanguageData.withoutLinks("[[[ no link")).isEqualTo("[[[ no link");
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
