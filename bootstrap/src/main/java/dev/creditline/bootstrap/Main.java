package dev.creditline.bootstrap;

import dev.creditline.application.port.in.VerifyLedgerUseCase.LedgerReport;
import dev.creditline.persistence.Database;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Command-line entry point: {@code serve} (default), {@code dev [--force]} (see {@link DevMode}),
 * {@code migrate}, {@code verify-ledger [user-id]}. Exit codes: 0 success, 1 ledger mismatch,
 * 2 usage or configuration error.
 */
public final class Main {

    private static final String USAGE = "usage: creditline [serve | dev [--force] | migrate | verify-ledger [user-id]]";

    private Main() {
    }

    /** Looked up on use: logging starts after {@code dev} set {@link LogFormat#DEV_MODE_PROPERTY}. */
    private static Logger log() {
        return LoggerFactory.getLogger(Main.class);
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        if (command.equals("dev")) {
            System.setProperty(LogFormat.DEV_MODE_PROPERTY, "true");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        try {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove(DevMode.MARKER);
            int code = switch (command) {
                case "serve" -> serve(Config.from(env));
                case "dev" -> dev(env, List.of(args).subList(1, args.length));
                case "migrate" -> migrate(Config.from(env));
                case "verify-ledger" -> verifyLedger(Config.from(env), args.length > 1 ? args[1] : null);
                default -> {
                    System.err.println(USAGE);
                    yield 2;
                }
            };
            if (!("serve".equals(command) || "dev".equals(command)) || code != 0) {
                System.exit(code);
            }
        } catch (ConfigException e) {
            System.err.println("Creditline cannot start: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int serve(Config config) {
        start(config);
        return 0;
    }

    private static Creditline start(Config config) {
        Creditline service = Creditline.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log().info("shutting down");
            service.close();
            stopped.countDown();
        }, "creditline-shutdown"));
        return service;
    }

    /** {@code dev [--force]}: the service with generated secrets, a demo user and a paste-able block. */
    private static int dev(Map<String, String> env, List<String> options) {
        boolean force = false;
        for (String o : options) {
            if (o.equals("--force")) {
                force = true;
            } else {
                System.err.println(USAGE);
                return 2;
            }
        }
        Config config = Config.from(DevMode.environment(env, force));
        Creditline service = start(config);
        try {
            System.out.print(DevMode.welcome(config, service.port(), Clock.systemUTC()));
            System.out.flush();
            return 0;
        } catch (RuntimeException e) {
            log().error("dev mode could not prepare the demo user", e);
            return 1;
        }
    }

    private static int migrate(Config config) {
        Optional<EmbeddedDatabase> embedded = Creditline.embeddedIfNeeded(config);
        try (Database db = Creditline.openDatabase(config, embedded)) {
            var result = db.migrate();
            System.out.println("migrations applied: " + result.migrationsExecuted + ", schema version: "
                    + result.targetSchemaVersion);
            return 0;
        } finally {
            embedded.ifPresent(EmbeddedDatabase::close);
        }
    }

    private static int verifyLedger(Config config, String userArg) {
        Optional<UUID> userId;
        try {
            userId = Optional.ofNullable(userArg).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            System.err.println("verify-ledger: '" + userArg + "' is not a user id (UUID)");
            return 2;
        }
        Optional<EmbeddedDatabase> embedded = Creditline.embeddedIfNeeded(config);
        try (Database db = Creditline.openDatabase(config, embedded)) {
            db.migrate();
            LedgerReport report = Creditline.ledgerVerification(db).verify(userId);
            System.out.println("users checked: " + report.checked() + ", mismatches: " + report.mismatches().size());
            report.mismatches().forEach(m -> System.out.println("MISMATCH user=" + m.userId() + " balance="
                    + m.balance() + " ledgerSum=" + m.ledgerSum() + " firstBadEntry=" + m.firstBadEntry()));
            return report.consistent() ? 0 : 1;
        } finally {
            embedded.ifPresent(EmbeddedDatabase::close);
        }
    }
}
