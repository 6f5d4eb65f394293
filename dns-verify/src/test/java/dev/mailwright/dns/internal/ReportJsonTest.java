package dev.mailwright.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Finding;
import dev.mailwright.dns.DnsReport;
import dev.mailwright.dns.ZoneRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    @Test
    void quote_escapesQuotesBackslashesAndControls() {
        assertThat(ReportJson.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    @Test
    void write_givesEveryFieldInOrder() {
        DnsReport report = new DnsReport("ghe.example.com", Instant.parse("2026-11-26T12:00:00Z"), Duration.ofMillis(12),
                List.of(Finding.failure("dns.reply.mx", "reply.ghe.example.com has no MX record", "Create it.",
                        "reply.ghe.example.com. MX: no record (NODATA)")),
                List.of(new ZoneRecord("reply.ghe.example.com", 3600, "MX", "10 reply.ghe.example.com.", "")));
        assertThat(report.toJson()).isEqualTo("{\n"
                + "  \"hostname\": \"ghe.example.com\",\n"
                + "  \"checkedAt\": \"2026-11-26T12:00:00Z\",\n"
                + "  \"elapsedMillis\": 12,\n"
                + "  \"failed\": true,\n"
                + "  \"findings\": [\n"
                + "    {\n"
                + "      \"severity\": \"FAILURE\",\n"
                + "      \"code\": \"dns.reply.mx\",\n"
                + "      \"message\": \"reply.ghe.example.com has no MX record\",\n"
                + "      \"remedy\": \"Create it.\",\n"
                + "      \"evidence\": [\"reply.ghe.example.com. MX: no record (NODATA)\"]\n"
                + "    }\n"
                + "  ],\n"
                + "  \"recordsToCreate\": [\"reply.ghe.example.com. 3600 IN MX 10 reply.ghe.example.com.\"]\n"
                + "}\n");
    }
}
