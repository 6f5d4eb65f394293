package dev.mailwright.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A private Dovecot 2.3 (IMAP with IDLE and MOVE, POP3) for tests and benchmarks, started on free
 * ports of 127.0.0.1 with a temporary configuration, after the verified recipe in PEERS.md: a
 * passwd-file user, mail stored as {@code nobody} in a maildir, a self-signed certificate for
 * {@code localhost} and {@code 127.0.0.1}. Fails loudly when Dovecot is not installed.
 *
 * <pre>{@code
 * try (Dovecot dovecot = Dovecot.builder().withoutMove().start()) {
 *     dovecot.imapsPort(); dovecot.certificate(); dovecot.user(); dovecot.password();
 * }
 * }</pre>
 */
public final class Dovecot implements AutoCloseable {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path dir;
    private final String user;
    private final String password;
    private final int imapPort;
    private final int imapsPort;
    private final int pop3Port;
    private final int pop3sPort;
    private final Path dovecot;
    private final String mailFormat;
    private Peers.PeerProcess process;

    private Dovecot(Builder b) throws IOException {
        this.dovecot = Peers.require("dovecot", "dovecot-imapd");
        this.mailFormat = b.mailFormat;
        this.dir = Files.createTempDirectory(Path.of("/tmp"), "dovecot-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.user = "replies@example.test";
        this.password = "pw-" + Long.toHexString(System.nanoTime());
        this.imapPort = Peers.freePort();
        this.imapsPort = Peers.freePort();
        this.pop3Port = Peers.freePort();
        this.pop3sPort = Peers.freePort();
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("rawlog"));
        chownTree(dir.resolve("rawlog"));
        Files.createDirectories(maildir().resolve("new"));
        Files.createDirectories(maildir().resolve("cur"));
        Files.createDirectories(maildir().resolve("tmp"));
        chownTree(dir.resolve("home"));
        Files.writeString(dir.resolve("users"), user + ":{PLAIN}" + password + "\n");
        Peers.selfSignedLocalhost(dir.resolve("key.pem"), certificate());
        Files.writeString(dir.resolve("dovecot.conf"), config(b.capability, b.rawlog), StandardCharsets.US_ASCII);
    }

    /** @return a builder of a server with IDLE and MOVE */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a started server with IDLE and MOVE */
    public static Dovecot start() {
        return builder().start();
    }

    private String config(String capability, boolean rawlog) {
        String d = dir.toString();
        return "base_dir = " + d + "/run\n"
                + "state_dir = " + d + "/state\n"
                + "log_path = " + d + "/dovecot.log\n"
                + "protocols = imap pop3\n"
                + "listen = 127.0.0.1\n"
                + "ssl = yes\n"
                + "ssl_cert = <" + d + "/cert.pem\n"
                + "ssl_key = <" + d + "/key.pem\n"
                + "disable_plaintext_auth = no\n"
                + "auth_mechanisms = plain login\n"
                + "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " + d + "/users\n}\n"
                + "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=" + d + "/home/%u\n}\n"
                + "mail_location = " + ("maildir".equals(mailFormat) ? "maildir:~/Maildir" : mailFormat + ":~/" + mailFormat) + "\n"
                + "namespace inbox {\n  inbox = yes\n  separator = /\n}\n"
                + "protocol imap {\n" + (rawlog ? "  rawlog_dir = " + d + "/rawlog\n" : "")
                + (capability == null ? "" : "  imap_capability = " + capability + "\n") + "}\n"
                + "service imap-login {\n  inet_listener imap {\n    port = " + imapPort + "\n  }\n"
                + "  inet_listener imaps {\n    port = " + imapsPort + "\n    ssl = yes\n  }\n}\n"
                + "service pop3-login {\n  inet_listener pop3 {\n    port = " + pop3Port + "\n  }\n"
                + "  inet_listener pop3s {\n    port = " + pop3sPort + "\n    ssl = yes\n  }\n}\n";
    }

    /** Starts the server (again, after {@link #stop()}, on the same ports with the same mail). */
    public synchronized void startServer() {
        if (process != null) {
            throw new IllegalStateException("Dovecot is already running");
        }
        process = Peers.start(0, List.of(dovecot.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString()));
        for (int port : new int[] {imapPort, imapsPort, pop3Port, pop3sPort}) {
            Peers.awaitPort(port, Duration.ofSeconds(15), process);
        }
    }

    /**
     * Stops the server and every process it started (so open IMAP and POP3 connections drop, as in
     * a real restart); the mail stays for {@link #startServer()}.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process.process();
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        children.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    /** @return the port of IMAP in the clear (STARTTLS offered) */
    public int imapPort() {
        return imapPort;
    }

    /** @return the port of IMAP over TLS */
    public int imapsPort() {
        return imapsPort;
    }

    /** @return the port of POP3 in the clear (STLS offered) */
    public int pop3Port() {
        return pop3Port;
    }

    /** @return the port of POP3 over TLS */
    public int pop3sPort() {
        return pop3sPort;
    }

    /** @return the PEM certificate of the server (for localhost and 127.0.0.1) */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    /** @return the mail user */
    public String user() {
        return user;
    }

    /** @return the mail user's password */
    public String password() {
        return password;
    }

    /**
     * @return the user's INBOX maildir (holding new/, cur/, tmp/); with a dbox format, the maildir
     *     that {@link #deliver} fills and {@link #indexDelivered()} imports from
     */
    public Path maildir() {
        return dir.resolve("home").resolve(user).resolve("Maildir");
    }

    /**
     * Delivers a message as an MTA would, by writing it into the INBOX maildir's {@code new/}
     * (owned by {@code nobody}, like Dovecot's own files). Fast enough to fill a mailbox with
     * 100,000 messages for a benchmark.
     *
     * @param message the raw message
     */
    public void deliver(byte[] message) {
        try {
            String name = System.currentTimeMillis() / 1000 + ".M" + SEQUENCE.incrementAndGet() + "P" + ProcessHandle.current().pid()
                    + ".mailwright-test";
            Path tmp = maildir().resolve("tmp").resolve(name);
            Files.write(tmp, message);
            chown(tmp);
            Files.move(tmp, maildir().resolve("new").resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AssertionError("cannot deliver into " + maildir() + ": " + e, e);
        }
    }

    /**
     * Makes what {@link #deliver} wrote visible and indexed before a measurement: {@code doveadm
     * index} of INBOX for the maildir format; for a dbox format, {@code doveadm import} of the
     * staging maildir into INBOX, which is then emptied.
     */
    public void indexDelivered() {
        if ("maildir".equals(mailFormat)) {
            doveadm("index", "-u", user, "INBOX");
            return;
        }
        doveadm("import", "-u", user, "maildir:" + maildir(), "", "all");
        try (var files = Files.list(maildir().resolve("new"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot empty " + maildir() + ": " + e, e);
        }
    }

    /** @return the mailbox format: {@code maildir} (the default), {@code sdbox} or {@code mdbox} */
    public String mailFormat() {
        return mailFormat;
    }

    /**
     * Sets the UIDVALIDITY of a mailbox with {@code doveadm mailbox update}, as a server does when
     * it rebuilds its index: a client must then treat every UID it remembers as unknown.
     *
     * @param mailbox the mailbox, such as {@code INBOX}
     * @param uidValidity the new value
     */
    public void setUidValidity(String mailbox, long uidValidity) {
        doveadm("mailbox", "update", "-u", user, "--uid-validity", Long.toString(uidValidity), mailbox);
    }

    /**
     * Runs {@code doveadm} with this server's configuration.
     *
     * @param args the arguments after {@code -c <config>}
     * @return what it printed
     */
    public String doveadm(String... args) {
        List<String> command = new ArrayList<>(List.of(Peers.require("doveadm", "dovecot-core").toString(), "-c",
                dir.resolve("dovecot.conf").toString()));
        command.addAll(List.of(args));
        return Peers.run(command);
    }

    /**
     * @return every command IMAP clients sent so far, from Dovecot's raw logs of each session
     *     ({@code rawlog_dir}): a test can see whether a client used MOVE or COPY, IDLE or not
     */
    public String imapCommands() {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(dir.resolve("rawlog"))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.getFileName().toString().endsWith(".in")) {
                    out.append(Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the raw logs of " + dir + ": " + e, e);
        }
        return out.toString();
    }

    /**
     * @return the CPU seconds (user and system, from {@code /proc}) used so far by the running
     *     server: its processes (the master, login and IMAP/POP3 processes) and those they waited for
     */
    public synchronized double cpuSeconds() {
        if (process == null) {
            return 0;
        }
        double ticks = 0;
        for (ProcessHandle h : (Iterable<ProcessHandle>) java.util.stream.Stream.concat(
                java.util.stream.Stream.of(process.process().toHandle()), process.process().descendants())::iterator) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // utime and stime, and cutime and cstime: the processes that ended (an IMAP session) count too
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return ticks / 100.0;
    }

    /** @return Dovecot's log so far */
    public String log() {
        try {
            return Files.exists(dir.resolve("dovecot.log")) ? Files.readString(dir.resolve("dovecot.log")) : "";
        } catch (IOException e) {
            return "(cannot read the log: " + e + ")";
        }
    }

    /** Stops the server and deletes its files. */
    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test for
        }
    }

    private void chownTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                chown(p);
            }
        }
    }

    private static void chown(Path p) throws IOException {
        UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName("nogroup");
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(nobody);
        view.setGroup(nogroup);
    }

    /** Chooses the capabilities of a {@link Dovecot}. */
    public static final class Builder {
        private String capability;
        private String mailFormat = "maildir";
        private boolean rawlog = true;

        private Builder() {
        }

        /** @return this, for a server that does not announce MOVE (clients fall back to COPY, \Deleted, EXPUNGE) */
        public Builder withoutMove() {
            return capability("IMAP4rev1 SASL-IR LITERAL+ ID ENABLE IDLE UIDPLUS");
        }

        /** @return this, for a server that announces neither IDLE nor MOVE (clients poll) */
        public Builder withoutIdleOrMove() {
            return capability("IMAP4rev1 SASL-IR LITERAL+ ID ENABLE UIDPLUS");
        }

        /**
         * @param format {@code maildir} (the default, as in PEERS.md), {@code sdbox} or {@code mdbox}
         *     (Dovecot's own formats, whose index is authoritative: no directory scan at each sync)
         * @return this
         */
        public Builder mailFormat(String format) {
            if (!List.of("maildir", "sdbox", "mdbox").contains(format)) {
                throw new IllegalArgumentException("mail format must be maildir, sdbox or mdbox, was " + format);
            }
            this.mailFormat = format;
            return this;
        }

        /** @return this, for a server that keeps no raw log of IMAP sessions (benchmarks: {@link #imapCommands()} is then empty) */
        public Builder withoutRawlog() {
            this.rawlog = false;
            return this;
        }

        private Builder capability(String c) {
            this.capability = c;
            return this;
        }

        /** @return the started server */
        public Dovecot start() {
            try {
                Dovecot d = new Dovecot(this);
                d.startServer();
                return d;
            } catch (IOException e) {
                throw new AssertionError("cannot prepare Dovecot: " + e, e);
            }
        }
    }
}
