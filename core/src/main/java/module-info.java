/** Mailwright core: settings, secrets, the reply-address codec and shared result types. */
module dev.mailwright.core {
    requires org.slf4j;

    exports dev.mailwright.core;
    exports dev.mailwright.core.diagnostics;
    exports dev.mailwright.core.smtp;
    exports dev.mailwright.core.spi;

    uses dev.mailwright.core.spi.DiagnosticsContributor;
}
