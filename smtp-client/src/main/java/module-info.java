/**
 * Mailwright SMTP client: notification emails, their transports and the failure classification;
 * DKIM signing with keys from PEM files; SMTP transcripts, their analysis and the test email.
 */
module dev.mailwright.smtp {
    requires transitive dev.mailwright.core;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.mailwright.smtp;
    exports dev.mailwright.smtp.spi;
    exports dev.mailwright.smtp.testmail;
    exports dev.mailwright.smtp.transcript;

    uses dev.mailwright.smtp.spi.MailTransportProvider;

    provides dev.mailwright.smtp.spi.MailTransportProvider with
            dev.mailwright.smtp.internal.BuiltInProviders.Smtp,
            dev.mailwright.smtp.internal.BuiltInProviders.Smtps,
            dev.mailwright.smtp.internal.BuiltInProviders.Memory,
            dev.mailwright.smtp.internal.BuiltInProviders.Pickup;
}
