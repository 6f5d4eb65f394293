package dev.mailwright.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins what module-info alone cannot: no internal type in a public signature, no library module
 * depending on another, no standard output in a library, and no static mutable state outside the
 * exceptions named here. The four library modules are imported from their classes (not tests);
 * this module sees them all.
 */
class ArchitectureTest {
    private static final String[] LIBRARIES = {"dev.mailwright.core..", "dev.mailwright.smtp..", "dev.mailwright.inbound..",
        "dev.mailwright.dns.."};

    /**
     * Static state that is mutable on purpose, each with the reason. Anything else static must be
     * final and of a type that cannot change.
     */
    private static final Map<String, String> STATIC_STATE_EXCEPTIONS = Map.ofEntries(
            Map.entry("dev.mailwright.smtp.internal.SocketRecorder",
                    "a thread-local hand-over of the socket Angus creates, the only way to learn it"),
            Map.entry("dev.mailwright.inbound.internal.FileDeliveryLedger",
                    "file locks are per JVM: instances in one JVM share one registry"),
            Map.entry("dev.mailwright.inbound.internal.FileNoticeThrottle",
                    "file locks are per JVM: instances in one JVM share one registry"),
            Map.entry("dev.mailwright.inbound.internal.OwnerLock",
                    "file locks are per JVM: instances in one JVM share one registry"),
            Map.entry("dev.mailwright.inbound.internal.IncomingHeaders",
                    "private constant byte arrays (header names), never written or handed out"),
            Map.entry("dev.mailwright.inbound.internal.ListenerHandler",
                    "Message-IDs the listener adds must be unique in the process (a counter)"),
            Map.entry("dev.mailwright.inbound.internal.ListenerThreads",
                    "a counter for the names of the listener's thread pools"),
            Map.entry("dev.mailwright.inbound.internal.MaildirWriter",
                    "maildir file names must be unique in the process (a counter)"),
            Map.entry("dev.mailwright.dns.internal.VerificationRun",
                    "a counter for the names of the checking threads"),
            Map.entry("dev.mailwright.core.suppression.FileSuppressionStore",
                    "file locks are per JVM: instances in one JVM share one registry"),
            Map.entry("dev.mailwright.core.dkim.Canonicalization",
                    "a private constant byte array (CRLF), never written or handed out"),
            Map.entry("dev.mailwright.core.dkim.Der",
                    "a private constant byte array (an ASN.1 prefix), never written or handed out"),
            Map.entry("dev.mailwright.core.dkim.DkimKeyRecord",
                    "a private constant byte array (an ASN.1 prefix), copied before use, never written or handed out"),
            Map.entry("dev.mailwright.smtp.internal.DkimPem$Holder",
                    "one Bouncy Castle provider instance, used for Ed25519 signing only and never registered globally"));

    private static JavaClasses libraries;

    @BeforeAll
    static void importLibraries() {
        // tests are left out whether they come as test-classes folders or as the test jars of a packaged build
        libraries = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.mailwright.core", "dev.mailwright.smtp", "dev.mailwright.inbound", "dev.mailwright.dns");
    }

    @Test
    void theLibrariesAreImported_withoutTheirTests() {
        org.assertj.core.api.Assertions.assertThat(libraries.contain("dev.mailwright.core.EmailSettings")
                && libraries.contain("dev.mailwright.dns.internal.SmtpProber")
                && libraries.contain("dev.mailwright.inbound.InboundPipeline")).isTrue();
        org.assertj.core.api.Assertions.assertThat(libraries.contain("dev.mailwright.core.testing.Peers")).isFalse();
    }

    @Test
    void noInternalTypeInAPublicSignature() {
        NO_INTERNAL_TYPE_IN_PUBLIC_SIGNATURE.check(libraries);
    }

    @Test
    void theSignatureRule_catchesALeak() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.mailwright.examples.archfixture");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NO_INTERNAL_TYPE_IN_PUBLIC_SIGNATURE.check(fixture))
                .hasMessageContaining("Leaky.hidden() exposes dev.mailwright.examples.archfixture.internal.Hidden");
    }

    private static final com.tngtech.archunit.lang.ArchRule NO_INTERNAL_TYPE_IN_PUBLIC_SIGNATURE =
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic()
                .should(new ArchCondition<JavaClass>("expose no type of an internal package in a public signature") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        for (JavaMember m : visibleMembers(c)) {
                            for (JavaClass t : signatureTypes(m)) {
                                if (t.getPackageName().contains(".internal")) {
                                    events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t.getName()));
                                }
                            }
                        }
                    }
                });

    private static List<JavaMember> visibleMembers(JavaClass c) {
        List<JavaMember> out = new ArrayList<>();
        for (JavaMember m : c.getMembers()) {
            Set<JavaModifier> mods = m.getModifiers();
            if (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED) && !c.getModifiers()
                    .contains(JavaModifier.FINAL)) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<JavaClass> signatureTypes(JavaMember m) {
        List<JavaClass> out = new ArrayList<>();
        if (m instanceof JavaField f) {
            out.add(f.getRawType());
        } else if (m instanceof JavaCodeUnit u) {
            out.add(u.getRawReturnType());
            out.addAll(u.getRawParameterTypes());
        }
        return out;
    }

    @Test
    void noLibraryModuleDependsOnAnother() {
        String[][] forbidden = {
            {"dev.mailwright.core..", "dev.mailwright.smtp..", "dev.mailwright.inbound..", "dev.mailwright.dns.."},
            {"dev.mailwright.smtp..", "dev.mailwright.inbound..", "dev.mailwright.dns.."},
            {"dev.mailwright.inbound..", "dev.mailwright.smtp..", "dev.mailwright.dns.."},
            {"dev.mailwright.dns..", "dev.mailwright.smtp..", "dev.mailwright.inbound.."},
        };
        for (String[] rule : forbidden) {
            String[] others = java.util.Arrays.copyOfRange(rule, 1, rule.length);
            noClasses().that().resideInAPackage(rule[0]).should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("the protocol modules depend only on core; what two of them need moves down to core")
                    .check(libraries);
        }
    }

    @Test
    void noStandardOutputInALibrary() {
        noClasses().that().resideInAnyPackage(LIBRARIES).should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("a library logs through SLF4J and returns values; printing is the command-line tool's")
                .check(libraries);
    }

    @Test
    void noStaticMutableState_outsideTheNamedExceptions() {
        fields().that().areStatic().and().areDeclaredInClassesThat(notNamedException())
                .should().beFinal()
                .andShould(new ArchCondition<JavaField>("not hold a mutable collection, map, array or atomic value") {
                    @Override
                    public void check(JavaField f, ConditionEvents events) {
                        JavaClass t = f.getRawType();
                        boolean mutableType = t.isArray() || t.getName().startsWith("java.util.concurrent.atomic.")
                                || t.isAssignableTo(ThreadLocal.class)
                                || (t.isAssignableTo(Map.class) || t.isAssignableTo(java.util.Collection.class))
                                        && !isUnmodifiable(valueOf(f));
                        if (mutableType && !f.getName().equals("$VALUES") && !f.getName().startsWith("$SwitchMap")) {
                            events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is static state of type "
                                    + t.getName()));
                        }
                    }
                })
                .because("state lives in instances (OkHttp's EventListener, not a static map); exceptions are named in"
                        + " STATIC_STATE_EXCEPTIONS with their reason")
                .check(libraries);
    }

    /** @return the field's value, read reflectively (the libraries are on the class path here) */
    private static Object valueOf(JavaField f) {
        try {
            java.lang.reflect.Field field = Class.forName(f.getOwner().getName()).getDeclaredField(f.getName());
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + f.getFullName() + ": " + e, e);
        }
    }

    /** @return true for the JDK's unmodifiable collections and maps ({@code List.of}, {@code Map.copyOf}, {@code Collections.unmodifiable*}) */
    private static boolean isUnmodifiable(Object value) {
        String type = value == null ? "" : value.getClass().getName();
        return type.startsWith("java.util.ImmutableCollections$") || type.startsWith("java.util.Collections$Unmodifiable")
                || type.startsWith("java.util.Collections$Empty") || type.startsWith("java.util.Collections$Singleton");
    }

    private static DescribedPredicate<JavaClass> notNamedException() {
        return DescribedPredicate.describe("are not a named exception",
                c -> !STATIC_STATE_EXCEPTIONS.containsKey(c.getName()) && !STATIC_STATE_EXCEPTIONS.containsKey(
                        c.getName().contains("$") ? c.getName().substring(0, c.getName().indexOf('$')) : c.getName()));
    }
}
