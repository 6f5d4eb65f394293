package dev.mailwright.benchmarks.transcript;

import dev.mailwright.core.testing.Peers;
import dev.mailwright.smtp.transcript.TranscriptCapture;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What recording the transcript costs on a real send: one ~4 KB message per operation over one
 * reused Angus connection into Postfix's smtp-sink, without and with {@link TranscriptCapture}
 * installed through the session properties (a new capture and connection per iteration, so the
 * recorded events do not pile up).
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -jar benchmarks/target/benchmarks.jar
 * CaptureOverheadBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CaptureOverheadBenchmark {
    @Param({"off", "on"})
    public String capture;

    private Peers.PeerProcess sink;
    private int port;
    private Transport transport;
    private MimeMessage message;

    @Setup(Level.Trial)
    public void startSink() {
        port = Peers.freePort();
        String sinkPath = Peers.require("smtp-sink", "postfix").toString();
        List<String> cmd = "root".equals(System.getProperty("user.name"))
                ? List.of(sinkPath, "-u", "nobody", "127.0.0.1:" + port, "100")
                : List.of(sinkPath, "127.0.0.1:" + port, "100");
        sink = Peers.start(port, cmd);
    }

    @Setup(Level.Iteration)
    public void connect() throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.timeout", "10000");
        if (capture.equals("on")) {
            p.putAll(TranscriptCapture.create().sessionProperties());
        }
        Session session = Session.getInstance(p);
        message = new MimeMessage(session);
        message.setFrom(new InternetAddress("noreply@ghe.example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("admin@example.com"));
        message.setSubject("benchmark");
        message.setText("x".repeat(70).concat("\r\n").repeat(56));
        message.saveChanges();
        transport = session.getTransport("smtp");
        transport.connect("127.0.0.1", port, null, null);
    }

    @Benchmark
    public void send() throws MessagingException {
        transport.sendMessage(message, message.getAllRecipients());
    }

    @TearDown(Level.Iteration)
    public void disconnect() throws MessagingException {
        transport.close();
    }

    @TearDown(Level.Trial)
    public void stopSink() {
        sink.close();
    }
}
