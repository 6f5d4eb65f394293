/** Mailwright core: settings, secrets, the reply-address codec, DKIM signing and verification, and shared result types. */
module dev.mailwright.core {
    requires org.slf4j;

    exports dev.mailwright.core;
    exports dev.mailwright.core.auth;
    exports dev.mailwright.core.diagnostics;
    exports dev.mailwright.core.smtp;
    exports dev.mailwright.core.dkim;
    exports dev.mailwright.core.spi;
    exports dev.mailwright.core.suppression;

    uses dev.mailwright.core.spi.DiagnosticsContributor;
}
