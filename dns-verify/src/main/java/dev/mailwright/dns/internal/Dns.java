package dev.mailwright.dns.internal;

import dev.mailwright.dns.DnsException;
import dev.mailwright.dns.ResolverSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS questions with timeouts that hold. Each {@link SimpleResolver} gets the timeout (an
 * {@link ExtendedResolver}'s own does not shorten them) and every future is also bounded; the
 * servers are tried in order, the next one when a server fails or does not answer in time. Once a
 * question has gone unanswered by every server the following ones fail at once, so that a dead
 * resolver slows a report by about one timeout. No cache, no search path: names are absolute.
 */
final class Dns {
    private static final int MAX_CNAME_HOPS = 8;

    private final ResolverSettings settings;
    private final List<InetSocketAddress> servers;
    private final List<SimpleResolver> resolvers = new ArrayList<>();
    private final java.util.Set<Integer> silentServers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicBoolean dead = new AtomicBoolean();
    private final java.util.concurrent.ConcurrentMap<String, CompletableFuture<Answer>> asked =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** @param settings the servers and timeout */
    Dns(ResolverSettings settings) {
        this.settings = settings;
        this.servers = settings.isSystem() ? systemServers() : settings.servers();
        for (InetSocketAddress s : servers) {
            SimpleResolver r = new SimpleResolver(s);
            r.setTimeout(settings.timeout());
            resolvers.add(r);
        }
    }

    /**
     * @return a fresh resolver over the same servers, for DNSSEC validation (which changes its EDNS
     *     flags); several servers are combined in an {@link ExtendedResolver}
     */
    Resolver newResolver() {
        List<Resolver> list = new ArrayList<>();
        for (InetSocketAddress s : servers) {
            SimpleResolver r = new SimpleResolver(s);
            r.setTimeout(settings.timeout());
            list.add(r);
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        ExtendedResolver ext = new ExtendedResolver(list);
        ext.setRetries(1);
        ext.setTimeout(settings.timeout().multipliedBy(list.size()));
        return ext;
    }

    /** @return the bound of one question with every server tried once, plus a margin */
    Duration questionBound() {
        return settings.timeout().multipliedBy(servers.size()).plusMillis(250);
    }

    /**
     * @param name an absolute name, with or without trailing dot
     * @param type a {@link Type} constant
     * @return the answer, following CNAMEs; never throws for DNS problems
     */
    CompletableFuture<Answer> query(String name, int type) {
        String key = name.toLowerCase(java.util.Locale.ROOT) + (name.endsWith(".") ? "" : ".") + " " + type;
        return asked.computeIfAbsent(key, k -> ask(name, type));
    }

    private CompletableFuture<Answer> ask(String name, int type) {
        Name n;
        try {
            n = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(new Answer.Failed(name + " " + Type.string(type),
                    "not a valid DNS name: " + e.getMessage(), false));
        }
        return follow(n, type, new ArrayList<>(), n + " " + Type.string(type));
    }

    /**
     * Asks and waits; bounded by the timeout.
     *
     * @param name an absolute name
     * @param type a {@link Type} constant
     * @return the answer
     */
    Answer lookup(String name, int type) {
        return query(name, type).join();
    }

    private CompletableFuture<Answer> follow(Name name, int type, List<String> aliases, String question) {
        if (dead.get()) {
            return CompletableFuture.completedFuture(new Answer.Failed(question, "not asked: the DNS server "
                    + describeServers() + " did not answer an earlier question within " + settings.timeout().toMillis()
                    + " ms", true));
        }
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return send(query, 0)
                .thenCompose(response -> interpret(response, name, type, aliases, question))
                .exceptionally(e -> failed(question, e));
    }

    /**
     * Asks server {@code i}; when it fails or does not answer in time, the next one. A server that
     * did not answer in time is skipped for the rest of the report while another one is left.
     */
    private CompletableFuture<Message> send(Message query, int i) {
        boolean last = i + 1 == resolvers.size();
        if (!last && silentServers.contains(i)) {
            return send(query, i + 1);
        }
        CompletableFuture<Message> answer = resolvers.get(i).sendAsync(query).toCompletableFuture()
                .orTimeout(settings.timeout().toMillis() + 100, TimeUnit.MILLISECONDS);
        if (last) {
            return answer;
        }
        return answer.exceptionallyCompose(e -> {
            if (isTimeout(e)) {
                silentServers.add(i);
            }
            return send(query, i + 1);
        });
    }

    private static boolean isTimeout(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException
                || String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timed out");
    }

    private CompletableFuture<Answer> interpret(Message response, Name name, int type, List<String> aliases,
            String question) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return done(new Answer.NxDomain(question));
        }
        if (rcode != Rcode.NOERROR) {
            return done(new Answer.Failed(question, "the DNS server answered " + Rcode.string(rcode), false));
        }
        Name current = name;
        List<Record> found = new ArrayList<>();
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            Name target = null;
            for (Record r : response.getSection(Section.ANSWER)) {
                if (!r.getName().equals(current)) {
                    continue;
                }
                if (r.getType() == type) {
                    found.add(r);
                } else if (r.getType() == Type.CNAME && type != Type.CNAME) {
                    target = ((CNAMERecord) r).getTarget();
                }
            }
            if (!found.isEmpty()) {
                return done(new Answer.Records(question, found, aliases));
            }
            if (target == null) {
                break;
            }
            aliases.add(current + " -> " + target);
            current = target;
        }
        if (!current.equals(name) && aliases.size() <= MAX_CNAME_HOPS) {
            return follow(current, type, aliases, question);
        }
        return done(new Answer.NoData(question, aliases));
    }

    private Answer failed(String question, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (isTimeout(e)) {
            dead.set(true);
            return new Answer.Failed(question, "no answer from the DNS server " + describeServers() + " within "
                    + settings.timeout().toMillis() + " ms", true);
        }
        return new Answer.Failed(question, "the DNS query failed: " + cause, false);
    }

    String describeServers() {
        List<String> list = new ArrayList<>();
        servers.forEach(s -> list.add(s.getAddress().getHostAddress() + ":" + s.getPort()));
        return String.join(", ", list);
    }

    private static CompletableFuture<Answer> done(Answer a) {
        return CompletableFuture.completedFuture(a);
    }

    private static List<InetSocketAddress> systemServers() {
        List<InetSocketAddress> list = org.xbill.DNS.ResolverConfig.getCurrentConfig().servers();
        if (list == null || list.isEmpty()) {
            throw new DnsException("no DNS server is configured on this system (nothing in /etc/resolv.conf):"
                    + " give the servers explicitly, such as ResolverSettings.of(\"192.0.2.53\") or --resolver 192.0.2.53");
        }
        return List.copyOf(list);
    }
}
