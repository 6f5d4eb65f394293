package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.spi.InboundStage;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import dev.mailwright.inbound.spi.StageResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's stages in order: runs each message through them until one stops it, then runs
 * the last stage ({@code deliver}) once for every message of the batch that passed all the
 * others, files each message with its disposition and the name of the stage that decided, and
 * answers rejections the deciding stage allows to be answered.
 */
public final class StageChain {
    private static final Logger LOG = LoggerFactory.getLogger(StageChain.class);

    /**
     * @param name the stage's stable name, such as {@code recipient}
     * @param stage the stage
     */
    public record Named(String name, InboundStage stage) {
        /** Validates the fields. */
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stage, "stage");
        }
    }

    private final List<Named> stages;
    private final DeliverStage deliver;
    private final Notices notices;
    private final Events events;
    private final InboundCounters counters;

    /**
     * @param stages every stage but the last, in order
     * @param deliver the last stage
     * @param notices the rejection notices
     * @param events the host's event listener
     * @param counters the pipeline's counters
     */
    public StageChain(List<Named> stages, DeliverStage deliver, Notices notices, Events events, InboundCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.stages = List.copyOf(stages);
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** @return the stages' names in the order they run, {@code deliver} last */
    public List<String> names() {
        List<String> out = new ArrayList<>(stages.stream().map(Named::name).toList());
        out.add(InboundStage.DELIVER);
        return out;
    }

    /**
     * Runs a batch through the stages and files every message of it with its source.
     *
     * @param source where the batch was claimed
     * @param batch the claimed messages
     * @return their dispositions, in order
     */
    public List<Disposition> process(MailSource source, List<SourceMessage> batch) {
        Disposition[] out = new Disposition[batch.size()];
        List<Exchange> pending = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Exchange x = new Exchange(batch.get(i));
            events.received(x.source());
            Stopped stopped = run(x);
            if (stopped == null) {
                pending.add(x);
                positions.add(i);
            } else {
                out[i] = file(source, x, stopped.result(), stopped.stage());
            }
        }
        long start = System.nanoTime();
        List<StageResult.Stop> delivered = deliver.deliver(pending);
        for (int i = 0; i < pending.size(); i++) {
            events.stage(pending.get(i).source(), InboundStage.DELIVER, delivered.get(i), start);
            out[positions.get(i)] = file(source, pending.get(i), delivered.get(i), InboundStage.DELIVER);
        }
        return Arrays.asList(out);
    }

    /** @return the stage that stopped the message and its result, or null when it reached {@code deliver} */
    private Stopped run(Exchange x) {
        for (Named named : stages) {
            StageResult result;
            long start = System.nanoTime();
            try {
                result = Objects.requireNonNull(named.stage().process(x), "the stage returned null");
            } catch (Exception e) {
                LOG.warn("Unexpected error in stage '{}' while processing {}; filing it as failure", named.name(),
                        x.source().location(), e);
                result = new StageResult.Stop(new Disposition.Rejected("internal.error",
                        "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()), false);
            }
            events.stage(x.source(), named.name(), result, start);
            if (result instanceof StageResult.Stop stop) {
                return new Stopped(named.name(), stop);
            }
        }
        if (x.reply() == null && x.newThread() == null) {
            return new Stopped(InboundStage.DELIVER, new StageResult.Stop(new Disposition.Rejected("internal.error",
                    "no stage prepared a delivery: the stages 'sender-check' and 'extract' (or 'new-thread') must"
                    + " run before 'deliver'"), false));
        }
        return null;
    }

    private record Stopped(String stage, StageResult.Stop result) {
    }

    private Disposition file(MailSource source, Exchange x, StageResult.Stop stop, String stage) {
        Disposition d = stop.disposition();
        String reason = (x.reason() != null ? x.reason() : InboundDiagnostics.describe(d)) + "\nstage: " + stage;
        source.file(x.source(), d, reason);
        counters.record(d);
        notices.maybeNotify(d, stop.notifySender(), x.from(), x.messageId());
        events.filed(x.source(), d, stage, x.startNanos());
        return d;
    }

    /** Releases the delivery ledger. */
    public void close() {
        deliver.ledger().close();
    }
}
