package dev.mailwright.benchmarks.smtp;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;

/** The Java alternatives, sending the same notification content the way their users would. */
final class AngusBaselines {
    private static final Address[] ENVELOPE = {address("octocat@example.com")};

    private AngusBaselines() {
    }

    private static Address address(String a) {
        try {
            return new InternetAddress(a, true);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Session session(int port) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.localhost", "ghe.example.com");
        return Session.getInstance(p);
    }

    static MimeMessage message(Session session, int i) throws MessagingException, UnsupportedEncodingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("noreply@ghe.example.com", "Mona Lisa"));
        m.setRecipients(Message.RecipientType.TO, "noreply@ghe.example.com");
        m.setRecipients(Message.RecipientType.CC, "octocat@example.com, Mention <mention@noreply.ghe.example.com>");
        m.setReplyTo(new Address[] {address("reply+i-1001-0123456789abcdef0123456789abcdef01234567-5@reply.ghe.example.com")});
        m.setSubject("Re: [octo/hello-world] Crash when the settings file is empty (#42)", "UTF-8");
        m.setHeader("In-Reply-To", "<octo/hello-world/issues/42@ghe.example.com>");
        m.setHeader("List-ID", "octo/hello-world <hello-world.octo.ghe.example.com>");
        m.setHeader("Auto-Submitted", "auto-generated");
        MimeMultipart alt = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(BenchMessages.TEXT + "\n-- \nReply to this email directly or view it on ghe.example.com #" + i, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(BenchMessages.HTML, "UTF-8", "html");
        alt.addBodyPart(text);
        alt.addBodyPart(html);
        m.setContent(alt);
        return m;
    }

    static double sendPerMessage(int port, BenchMessages data, int n) throws Exception {
        Session session = session(port);
        return SmtpThroughputBenchmark.parallel(1, n, i -> Transport.send(message(session, i), ENVELOPE), new AtomicInteger());
    }

    static double reusedPerThread(int port, BenchMessages data, int threads, int n) throws Exception {
        Session session = session(port);
        List<Transport> open = new java.util.concurrent.CopyOnWriteArrayList<>();
        ThreadLocal<Transport> transport = ThreadLocal.withInitial(() -> {
            try {
                Transport t = session.getTransport("smtp");
                t.connect();
                open.add(t);
                return t;
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return SmtpThroughputBenchmark.parallel(threads, n, i -> {
                MimeMessage m = message(session, i);
                m.saveChanges();
                transport.get().sendMessage(m, ENVELOPE);
            }, new AtomicInteger());
        } finally {
            for (Transport t : open) {
                t.close();
            }
        }
    }

    static double simpleJavaMail(int port, BenchMessages data, int poolSize, int n) throws Exception {
        Mailer mailer = MailerBuilder.withSMTPServer("127.0.0.1", port).withTransportStrategy(TransportStrategy.SMTP)
                .withConnectionPoolCoreSize(poolSize).withConnectionPoolMaxSize(poolSize).withThreadPoolSize(poolSize)
                .withSessionTimeout(30_000).async().buildMailer();
        try {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Email email = EmailBuilder.startingBlank().from("Mona Lisa", "noreply@ghe.example.com")
                        .to("noreply@ghe.example.com").cc("octocat@example.com").withReplyTo("reply+i-1001-0123456789abcdef0123456789abcdef01234567-5@reply.ghe.example.com")
                        .withSubject("Re: [octo/hello-world] Crash when the settings file is empty (#42)")
                        .withPlainText(BenchMessages.TEXT + "\n-- \n#" + i).withHTMLText(BenchMessages.HTML)
                        .withHeader("Auto-Submitted", "auto-generated").buildEmail();
                futures.add(mailer.sendMail(email, true));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            mailer.shutdownConnectionPool().get();
        }
    }
}
