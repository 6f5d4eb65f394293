package dev.mailwright.cli;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.NewThreadScope;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
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
        description = {"Encode, decode and verify signed reply addresses (reply+<type>-<id>-<token>-<user>@reply.<hostname>).",
            "New-thread addresses name a place instead of a thread: reply+new-<scope type>-<scope id>-<token>@reply.<hostname>."},
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
    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = {"Print the signed reply address of a thread and user, or the new-thread address of a place.",
                "Give --type, --id and --user for a reply address, or --scope TYPE:ID for a new-thread address."})
    static final class Encode implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        CodecOptions options = new CodecOptions();

        @Option(names = "--type", paramLabel = "T",
                description = "The thread type: i (issue), p (pull request), c (commit comment), d (discussion), or the name.")
        String type;

        @Option(names = "--id", description = "The thread's id (positive).")
        Long id;

        @Option(names = "--user", description = "The recipient's user id (positive).")
        Long user;

        @Option(names = "--scope", paramLabel = "TYPE:ID",
                description = "A new-thread address for this place instead, such as repo:42 (lower case; no '-').")
        String scope;

        @Override
        public Integer call() {
            Map<String, Object> doc;
            String address;
            if (scope != null) {
                if (type != null || id != null || user != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--scope makes a new-thread address: give it without --type, --id and --user");
                }
                NewThreadScope s = parseScope(spec, scope);
                address = options.codec().encodeNewThread(s);
                doc = scope(s);
            } else {
                if (type == null || id == null || user == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "give --type, --id and --user (a reply address), or --scope TYPE:ID (a new-thread address)");
                }
                ReplyTarget target = new ReplyTarget(parseType(type), id, user);
                address = options.codec().encode(target);
                doc = target(target);
            }
            if (options.json) {
                doc.put("address", address);
                Output.print(spec, true, doc, List.of());
            } else {
                spec.commandLine().getOut().println(address);
                spec.commandLine().getOut().flush();
            }
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
            String text = describe(result, doc);
            boolean ok = result.isVerified();
            if (options.json) {
                Output.print(spec, ok, doc, ok ? List.of()
                        : List.of(Output.problem("address." + doc.get("outcome"), text, "")));
            } else {
                spec.commandLine().getOut().println(text);
                spec.commandLine().getOut().flush();
            }
            return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }

        private static String describe(DecodeResult result, Map<String, Object> doc) {
            if (result instanceof DecodeResult.Valid v) {
                doc.put("outcome", "valid");
                doc.putAll(target(v.target()));
                doc.put("signedWithCurrentKey", v.signedWithCurrentKey());
                return "valid: type=" + v.target().type().code() + " (" + name(v.target().type()) + ") id="
                        + v.target().id() + " user=" + v.target().userId() + olderKey(v.signedWithCurrentKey());
            } else if (result instanceof DecodeResult.ValidNewThread v) {
                doc.put("outcome", "valid");
                doc.putAll(scope(v.scope()));
                doc.put("signedWithCurrentKey", v.signedWithCurrentKey());
                return "valid new-thread address: scope type=" + v.scope().type() + " id=" + v.scope().id()
                        + olderKey(v.signedWithCurrentKey());
            } else if (result instanceof DecodeResult.Malformed m) {
                doc.put("outcome", "malformed");
                doc.put("reason", m.reason());
                return "malformed: " + m.reason();
            } else if (result instanceof DecodeResult.WrongDomain w) {
                doc.put("outcome", "wrong-domain");
                doc.put("domain", w.domain());
                doc.put("expected", w.expected());
                return "wrong domain: " + w.domain() + " (expected " + w.expected() + ")";
            } else if (result instanceof DecodeResult.ForgedNewThread f) {
                doc.put("outcome", "forged");
                doc.putAll(scope(f.claimed()));
                return "forged: no key of the key ring signed this new-thread address (it claims scope type="
                        + f.claimed().type() + " id=" + f.claimed().id() + ")";
            }
            DecodeResult.Forged f = (DecodeResult.Forged) result;
            doc.put("outcome", "forged");
            doc.putAll(target(f.claimed()));
            return "forged: no key of the key ring signed this address (it claims type="
                    + f.claimed().type().code() + " id=" + f.claimed().id() + " user=" + f.claimed().userId() + ")";
        }

        private static String olderKey(boolean current) {
            return current ? "" : " (signed with an older, verify-only key)";
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

    static NewThreadScope parseScope(CommandSpec spec, String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--scope '" + text + "' needs the form TYPE:ID, such as repo:42");
        }
        try {
            return new NewThreadScope(text.substring(0, colon), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scope: " + e.getMessage());
        }
    }

    private static Map<String, Object> scope(NewThreadScope s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "new-thread");
        m.put("scopeType", s.type());
        m.put("scopeId", s.id());
        return m;
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
