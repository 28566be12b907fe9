package dev.creditline.bootstrap;

import dev.creditline.application.port.in.VerifyLedgerUseCase.LedgerReport;
import dev.creditline.persistence.Database;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Command-line entry point: {@code serve} (default), {@code migrate},
 * {@code verify-ledger [user-id]}. Exit codes: 0 success, 1 ledger mismatch, 2 usage or
 * configuration error.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        String command = args.length == 0 ? "serve" : args[0];
        try {
            Config config = Config.from(System.getenv());
            int code = switch (command) {
                case "serve" -> serve(config);
                case "migrate" -> migrate(config);
                case "verify-ledger" -> verifyLedger(config, args.length > 1 ? args[1] : null);
                default -> {
                    System.err.println("usage: creditline [serve | migrate | verify-ledger [user-id]]");
                    yield 2;
                }
            };
            if (!"serve".equals(command) || code != 0) {
                System.exit(code);
            }
        } catch (ConfigException e) {
            System.err.println("Creditline cannot start: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int serve(Config config) {
        Creditline service = Creditline.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            service.close();
            stopped.countDown();
        }, "creditline-shutdown"));
        return 0;
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
