package dev.mailwright.cli;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code mailwright address}: sign and verify reply addresses. */
@Command(name = "address", mixinStandardHelpOptions = true,
        description = "Encode, decode and verify signed reply addresses (reply+<type>-<id>-<token>-<user>@reply.<hostname>).",
        subcommands = {AddressCommand.Encode.class, AddressCommand.Decode.class, AddressCommand.NewKey.class})
final class AddressCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by encode and decode. */
    static final class CodecOptions {
        @Option(names = "--key-file", required = true, paramLabel = "K",
                description = "The key file: one key per line (hex or base64, at least 32 bytes), the signing key first.")
        Path keyFile;

        @Option(names = "--hostname", required = true, paramLabel = "H",
                description = "The instance host name; addresses live under reply.<H>.")
        String hostname;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        ReplyAddressCodec codec() {
            return new ReplyAddressCodec(KeyRing.fromFile(keyFile), hostname);
        }
    }

    /** {@code mailwright address encode}. */
    @Command(name = "encode", mixinStandardHelpOptions = true, description = "Print the signed reply address of a thread and user.")
    static final class Encode implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        CodecOptions options = new CodecOptions();

        @Option(names = "--type", required = true, paramLabel = "T",
                description = "The thread type: i (issue), p (pull request), c (commit comment), d (discussion), or the name.")
        String type;

        @Option(names = "--id", required = true, description = "The thread's id (positive).")
        long id;

        @Option(names = "--user", required = true, description = "The recipient's user id (positive).")
        long user;

        @Override
        public Integer call() {
            ReplyTarget target = new ReplyTarget(parseType(type), id, user);
            String address = options.codec().encode(target);
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Map<String, Object> doc = target(target);
                doc.put("address", address);
                Output.print(spec, true, doc, List.of());
            } else {
                out.println(address);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code mailwright address decode}. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = {"Decode and verify a reply address.",
                "Prints the target; exit code 1 with the reason when it is malformed, for another domain, or forged."})
    static final class Decode implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        CodecOptions options = new CodecOptions();

        @Parameters(paramLabel = "ADDRESS", description = "The address, with or without display name and angle brackets.")
        String address;

        @Override
        public Integer call() {
            DecodeResult result = options.codec().decode(address);
            Map<String, Object> doc = new LinkedHashMap<>();
            String text;
            if (result instanceof DecodeResult.Valid v) {
                doc.put("outcome", "valid");
                doc.putAll(target(v.target()));
                doc.put("signedWithCurrentKey", v.signedWithCurrentKey());
                text = "valid: type=" + v.target().type().code() + " (" + name(v.target().type()) + ") id="
                        + v.target().id() + " user=" + v.target().userId()
                        + (v.signedWithCurrentKey() ? "" : " (signed with an older, verify-only key)");
            } else if (result instanceof DecodeResult.Malformed m) {
                doc.put("outcome", "malformed");
                doc.put("reason", m.reason());
                text = "malformed: " + m.reason();
            } else if (result instanceof DecodeResult.WrongDomain w) {
                doc.put("outcome", "wrong-domain");
                doc.put("domain", w.domain());
                doc.put("expected", w.expected());
                text = "wrong domain: " + w.domain() + " (expected " + w.expected() + ")";
            } else {
                DecodeResult.Forged f = (DecodeResult.Forged) result;
                doc.put("outcome", "forged");
                doc.putAll(target(f.claimed()));
                text = "forged: no key of the key ring signed this address (it claims type="
                        + f.claimed().type().code() + " id=" + f.claimed().id() + " user=" + f.claimed().userId() + ")";
            }
            if (options.json) {
                Output.print(spec, result.isValid(), doc, result.isValid() ? List.of()
                        : List.of(Output.problem("address." + doc.get("outcome"), text, "")));
            } else {
                spec.commandLine().getOut().println(text);
                spec.commandLine().getOut().flush();
            }
            return result.isValid() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    /** {@code mailwright address new-key}. */
    @Command(name = "new-key", mixinStandardHelpOptions = true,
            description = "Print a new random 32-byte key in hex, for a key file (keep it secret).")
    static final class NewKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the key as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (json) {
                Output.print(spec, true, Map.of("key", KeyRing.generateHexKey()), List.of());
                return ExitCodes.OK;
            }
            spec.commandLine().getOut().println(KeyRing.generateHexKey());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    static ThreadType parseType(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (t.length() == 1) {
            return ThreadType.fromCode(t.charAt(0)).orElseThrow(() -> badType(text));
        }
        for (ThreadType type : ThreadType.values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(t)) {
                return type;
            }
        }
        throw badType(text);
    }

    private static IllegalArgumentException badType(String text) {
        return new IllegalArgumentException("unknown thread type '" + text
                + "': use i (issue), p (pull request), c (commit comment) or d (discussion)");
    }

    private static String name(ThreadType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Map<String, Object> target(ReplyTarget t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", String.valueOf(t.type().code()));
        m.put("typeName", Output.value(t.type()));
        m.put("id", t.id());
        m.put("user", t.userId());
        return m;
    }
}
