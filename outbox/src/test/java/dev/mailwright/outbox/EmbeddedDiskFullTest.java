package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.outbox.testsupport.Await;
import dev.mailwright.outbox.testsupport.CountingListener;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.ScriptedRelay;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store on a disk that fills up: a small tmpfs mounted for the test (it needs root, as
 * CI runs; otherwise it fails saying so). Enqueue is refused with a message naming the full disk,
 * nothing acknowledged is lost, and once space is freed every acknowledged entry is sent.
 */
class EmbeddedDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFullDisk_refusesEnqueueClearly_losesNothing_andEverythingAcknowledgedIsSentOnceSpaceIsBack() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("this test mounts a 4 MB tmpfs to fill it and needs root (CI runs as root): run it as root");
        }
        Path mount = dir.resolve("small-disk");
        Files.createDirectories(mount);
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString());
        try (ScriptedRelay relay = ScriptedRelay.stopped()) {
            CountingListener listener = new CountingListener();
            List<Long> acknowledged = new ArrayList<>();
            try (Outbox o = Outbox.builder().store(OutboxStores.embedded(mount.resolve("outbox"))).mailer(Fixtures.mailer(relay.port()))
                    .workers(2).listener(listener).pollInterval(Duration.ofMillis(50))
                    .retry(new RetrySchedule(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(5))).build().start()) {
                for (int i = 0; i < 20; i++) {
                    acknowledged.add(o.enqueue(Fixtures.notification(i, "example.com")).id());
                }
                Path filler = fill(mount.resolve("filler"));
                OutboxStoreException refused = null;
                for (int i = 20; i < 5000 && refused == null; i++) {
                    try {
                        acknowledged.add(o.enqueue(Fixtures.notification(i, "example.com")).id());
                    } catch (OutboxStoreException e) {
                        refused = e;
                    }
                }
                assertThat(refused).as("an enqueue refused once the disk is full").isNotNull();
                assertThat(refused.getMessage()).contains("is full").contains(mount.toString()).contains("purge");
                relay.startServer();
                Thread.sleep(500); // the workers try to record outcomes on the full disk
                Files.delete(filler);
                acknowledged.add(o.enqueue(Fixtures.notification(9999, "example.com")).id());
                Await.until(Duration.ofSeconds(60), () -> o.admin().status().count(EntryState.SENT) == acknowledged.size(),
                        () -> acknowledged.size() + " sent; status " + o.admin().status());
                assertThat(o.admin().list(EntryFilter.of(EntryState.SENT), 10_000)).extracting(OutboxEntry::id)
                        .containsExactlyInAnyOrderElementsOf(acknowledged);
                assertThat(relay.distinct()).isEqualTo(acknowledged.size());
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    private static Path fill(Path file) throws IOException {
        byte[] block = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return file;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }
}
