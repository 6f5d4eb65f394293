package dev.mailwright.inbound.bounce;

import static dev.mailwright.inbound.bounce.BounceFixtures.RECOGNIZER;
import static dev.mailwright.inbound.bounce.BounceFixtures.VERP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class BounceRecognizerProperties {

    @Property(tries = 300)
    void anyDeliveryStatusText_givesAnOutcome_attributedOnlyToTheSignedRecipient(@ForAll @StringLength(max = 400) String fields,
            @ForAll @StringLength(max = 60) String status) {
        String raw = BounceFixtures.text("rfc3464-hard.eml").replace("{{VERP}}", VERP)
                .replace("Status: 5.1.1", "Status: " + status.replaceAll("[\\r\\n]", " "))
                .replace("Remote-MTA: dns; mx.example.com", fields);
        BounceOutcome o = RECOGNIZER.recognize(raw.getBytes(StandardCharsets.UTF_8), List.of());
        assertThat(o).isNotNull();
        if (o instanceof BounceOutcome.Bounce b) {
            assertThat(b.event().recipient()).isEqualTo("octocat@example.com");
        }
    }

    @Property(tries = 300)
    void anyBytes_neverThrow_andNeverBounceWithoutTheBounceAddress(@ForAll byte[] bytes) {
        BounceOutcome o = RECOGNIZER.recognize(bytes, List.of("noreply@ghe.example.com"));
        assertThat(o).isNotInstanceOf(BounceOutcome.Bounce.class);
    }

    @Property(tries = 300)
    void anyTextBody_fromADaemon_givesAnOutcome(@ForAll @StringLength(max = 2000) String body) {
        String raw = "From: MAILER-DAEMON@mx.example.org\nTo: " + VERP + "\nSubject: failure notice\n\n" + body;
        assertThat(RECOGNIZER.recognize(raw.getBytes(StandardCharsets.UTF_8), List.of())).isInstanceOf(BounceOutcome.Bounce.class);
    }
}
