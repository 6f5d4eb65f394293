package dev.mailwright.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.SupportContact;
import dev.mailwright.core.ValidationResult;
import dev.mailwright.core.diagnostics.ReportRenderer;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.InboundListener;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import dev.mailwright.inbound.TlsCredentials;
import dev.mailwright.outbox.OutboxEntry;
import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.ThreadRef;
import dev.mailwright.smtp.testmail.EmailSettingsTester;
import dev.mailwright.smtp.testmail.TestEmailResult;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The steps of {@code mailwright demo}; each prints what happened and checks that it behaved. */
final class DemoStory implements AutoCloseable {
    private static final String PERSON = "mona@example.com";

    private final String hostname;
    private final PrintWriter out;
    private final Path work;
    private final KeyRing keys = KeyRing.of(HexFormat.of().parseHex(KeyRing.generateHexKey()));
    private final List<DeliveredReply> comments = Collections.synchronizedList(new ArrayList<>());
    private GreenMail smtpServer;
    private InboundListener listener;
    private Path maildir;
    private int failures;
    private int step;
    private final List<Map<String, Object>> steps = new ArrayList<>();

    DemoStory(String hostname, PrintWriter out) throws IOException {
        this.hostname = hostname;
        this.out = out;
        this.work = Files.createTempDirectory("mailwright-demo");
    }

    int failures() {
        return failures;
    }

    /** @return each step so far: its number, title and checks (each with ok and what was checked) */
    List<Map<String, Object>> steps() {
        return steps;
    }

    boolean run() throws Exception {
        int smtpPort = freePort();
        smtpServer = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtpServer.start();
        EmailSettings settings = settings(smtpPort);
        testEmail(settings);
        MimeMessage notification = notification(settings);
        maildir = work.resolve("mail/reply");
        listener = InboundListener.builder().hostname(hostname).keyRing(keys).maildir(maildir)
                .bindAddress("127.0.0.1").port(0).tls(TlsCredentials.selfSigned("reply." + hostname))
                .enforceTls(true).build().start();
        String replyTo = ((InternetAddress) notification.getReplyTo()[0]).getAddress();
        reply(notification, replyTo);
        forgedReply(replyTo);
        pipeline(settings, maildir);
        return failures == 0;
    }

    private EmailSettings settings(int smtpPort) {
        heading("Settings validated");
        EmailSettings draft = EmailSettings.builder().smtpHost("127.0.0.1").port(smtpPort)
                .security(ConnectionSecurity.NONE).noReplyAddress("noreply@" + hostname)
                .supportContact(SupportContact.url("support." + hostname)).build();
        ValidationResult problems = draft.validate();
        out.println("A first draft of the settings has " + problems.problems().size() + " problem(s):");
        problems.problems().forEach(p -> out.println("  " + p));
        EmailSettings settings = draft.toBuilder().hostname(hostname).heloDomain(hostname)
                .supportContact(SupportContact.url("https://support." + hostname)).build();
        ValidationResult fixed = settings.validate();
        out.println("After fixing them: " + (fixed.isValid() ? "valid" : ReportRenderer.text(fixed)));
        out.println("  " + settings);
        check(!problems.isValid() && fixed.isValid(), "the draft has problems and the fixed settings are valid");
        return settings;
    }

    private void testEmail(EmailSettings settings) {
        heading("Test email sent, with the SMTP conversation");
        TestEmailResult result = EmailSettingsTester.builder().build().send(settings, "admin@" + hostname);
        out.println(Render.text(result));
        check(result instanceof TestEmailResult.Delivered && smtpServer.getReceivedMessages().length == 1,
                "the test email was delivered to the SMTP server");
    }

    private MimeMessage notification(EmailSettings settings) throws Exception {
        heading("Notification for issue octo/hello#1 queued in the outbox while the SMTP server is down");
        Notification n = Notification.builder()
                .thread(ThreadRef.issue("octo", "hello", 1, 1))
                .reason(Reason.MENTION)
                .actor(new Actor("octocat", "The Octocat"))
                .recipient(new Recipient(PERSON, 5, "mona"))
                .title("Replies by email lose the first line")
                .textBody("@mona could you check whether replies by email keep their first line?")
                .htmlBody("<p>@mona could you check whether replies by email keep their first line?</p>")
                .threadUrl(URI.create("https://" + hostname + "/octo/hello/issues/1"))
                .build();
        int port = smtpServer.getSmtp().getPort();
        smtpServer.stop();
        OutboxEntry sent = DemoOutbox.sendThroughOutage(settings, keys, work.resolve("outbox"), n, out, () -> {
            smtpServer = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtpServer.start();
            out.println("The SMTP server is back on port " + port + ".");
        });
        MimeMessage[] received = smtpServer.getReceivedMessages();
        MimeMessage message = received[received.length - 1];
        out.println("Headers as the SMTP server received them:");
        Collections.list(message.getAllHeaderLines()).forEach(h -> out.println("  " + h));
        check(sent != null && sent.attempts() > 1 && message.getReplyTo() != null
                && ((InternetAddress) message.getReplyTo()[0]).getAddress().startsWith("reply+i-1-"),
                "the notification waited out the outage in the outbox and was delivered with a signed Reply-To address");
        return message;
    }

    private void reply(MimeMessage notification, String replyTo) throws Exception {
        heading("A person replies from their mail client");
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress(PERSON, "Mona Lisa"));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(replyTo));
        reply.setSubject("Re: " + notification.getSubject());
        reply.setHeader("In-Reply-To", notification.getMessageID());
        reply.setText(String.join("\n",
                "Yes: the first line is kept now. I tried it with three replies.",
                "",
                "Thanks for the quick fix!",
                "",
                "On Thu, Nov 26, 2026 at 9:00 PM The Octocat <" + ((InternetAddress) notification.getFrom()[0]).getAddress() + "> wrote:",
                "> @mona could you check whether replies by email keep their first line?",
                ">",
                "> Reply to this email directly or view it on GitHub:",
                "> https://" + hostname + "/octo/hello/issues/1",
                "",
                "-- ",
                "Mona Lisa",
                "Sent from my phone"), "UTF-8");
        reply.saveChanges();
        String refused = sendTo(reply, replyTo, false);
        out.println("Without STARTTLS, Mailwright's listener answers: " + refused);
        check(refused.contains("530") && refused.contains("5.7.0"), "MAIL before STARTTLS is refused with 530 5.7.0");
        String accepted = sendTo(reply, replyTo, true);
        out.println("With STARTTLS: " + accepted);
        Path file = newestIn(maildir.resolve("new"));
        out.println("The reply as received, in " + file + ":");
        Files.readAllLines(file).forEach(l -> out.println("  | " + l));
        check(accepted.startsWith("250"), "the reply was accepted after STARTTLS and is on disk");
    }

    private void forgedReply(String replyTo) throws Exception {
        heading("A forged reply is refused");
        String forged = replyTo.replaceFirst("-[0-9a-f]{40}-", "-" + "0".repeat(40) + "-");
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("mallory@example.net"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(forged));
        m.setSubject("Re: take over");
        m.setText("Close this issue, please.", "UTF-8");
        m.saveChanges();
        String answer = sendTo(m, forged, true);
        out.println("RCPT TO:<" + forged + ">");
        out.println("Mailwright's listener answers: " + answer);
        check(answer.startsWith("550") && answer.contains("5.7.1"), "the forged address is refused at RCPT TO, before any data");
    }

    private void pipeline(EmailSettings settings, Path maildir) throws Exception {
        heading("The pipeline checks the reply, trims it and hands it to the application");
        try (InboundPipeline pipeline = InboundPipeline.builder().settings(settings).keyRing(keys)
                .ledgerDirectory(work.resolve("state")).handler(comments::add).build();
             MaildirSource source = MaildirSource.builder(maildir).filedInto(work.resolve("incoming-mail")).open()) {
            out.println("Processed: " + pipeline.drain(source));
        }
        for (DeliveredReply c : comments) {
            out.println("Comment for " + c.target() + " from " + c.sender() + " (confidence " + c.confidence() + "):");
            c.text().lines().forEach(l -> out.println("  > " + l));
            out.println("Removed (shown collapsed by the application):");
            c.removedText().lines().forEach(l -> out.println("  ~ " + l));
        }
        check(comments.size() == 1 && comments.get(0).target().id() == 1 && comments.get(0).target().userId() == 5
                && comments.get(0).text().equals("Yes: the first line is kept now. I tried it with three replies.\n\nThanks for the quick fix!"),
                "exactly one comment, for issue 1 and user 5, with only the new text");
    }

    /** Sends like a person's mail server would and returns the server's answer to the transaction. */
    private String sendTo(MimeMessage message, String rcpt, boolean startTls) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(listener.port()));
        p.put("mail.smtp.localhost", "mail.example.com");
        p.put("mail.smtp.starttls.enable", String.valueOf(startTls));
        p.put("mail.smtp.starttls.required", String.valueOf(startTls));
        // The listener's certificate was generated a moment ago for reply.<hostname>, which does not
        // resolve here: like most MTAs doing opportunistic STARTTLS (RFC 7435), this simulated sender
        // trusts that one host on loopback without checking the name.
        p.put("mail.smtp.ssl.trust", "127.0.0.1");
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            t.sendMessage(message, new Address[] {new InternetAddress(rcpt)});
            return ((org.eclipse.angus.mail.smtp.SMTPTransport) t).getLastServerResponse().strip();
        } catch (MessagingException e) {
            return serverAnswer(e);
        }
    }

    private static String serverAnswer(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException
                    || x instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException) {
                return x.getMessage().strip();
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage().strip();
    }

    private static Path newestIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow(
                    () -> new IOException("no message in " + dir));
        }
    }

    private void heading(String title) {
        out.println();
        out.println("== " + (++step) + ". " + title);
        out.flush();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", step);
        s.put("title", title);
        s.put("checks", new ArrayList<Map<String, Object>>());
        steps.add(s);
    }

    @SuppressWarnings("unchecked")
    private void check(boolean ok, String what) {
        if (!steps.isEmpty()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("ok", ok);
            c.put("check", what);
            ((List<Map<String, Object>>) steps.get(steps.size() - 1).get("checks")).add(c);
        }
        out.println((ok ? "[ok] " : "[FAILED] ") + what);
        out.flush();
        if (!ok) {
            failures++;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
        if (smtpServer != null) {
            smtpServer.stop();
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
