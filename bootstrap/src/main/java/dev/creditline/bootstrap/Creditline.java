package dev.creditline.bootstrap;

import dev.creditline.application.port.out.HealthPort;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.application.service.AccountService;
import dev.creditline.application.service.BalanceAlertService;
import dev.creditline.application.service.CreditService;
import dev.creditline.application.service.FreeAllowanceService;
import dev.creditline.application.service.IdempotencyService;
import dev.creditline.application.service.LotService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.application.service.UserService;
import dev.creditline.application.service.VerificationTokenService;
import dev.creditline.persistence.Database;
import dev.creditline.persistence.JdbiAccountRepository;
import dev.creditline.persistence.JdbiEventOutbox;
import dev.creditline.persistence.JdbiHealth;
import dev.creditline.persistence.JdbiIdempotencyKeyRepository;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.JdbiUserRepository;
import dev.creditline.persistence.JdbiVerificationTokenRepository;
import dev.creditline.rest.RestApi;
import dev.creditline.rest.auth.BearerAuthFilter;
import dev.creditline.rest.operations.DeclaredParametersFilter;
import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.rest.auth.BearerTokenVerifier;
import dev.creditline.rest.resource.AdapterAccountsResource;
import dev.creditline.rest.resource.AdapterUsersResource;
import dev.creditline.rest.resource.AdapterVerificationTokensResource;
import dev.creditline.rest.resource.CreditBalanceResource;
import dev.creditline.rest.resource.CreditHistoryResource;
import dev.creditline.rest.resource.HealthResource;
import dev.creditline.rest.resource.MeResource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The running service: database (embedded or {@code DATABASE_URL}), migrations, every adapter
 * wired by hand to the application services, and the Grizzly HTTP server. {@link #close()}
 * stops accepting, lets in-flight requests finish, then closes the pool and the database.
 */
public final class Creditline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Creditline.class);

    private final Optional<EmbeddedDatabase> embedded;
    private final Database database;
    private final HttpServer server;
    private final int port;

    private final List<AutoCloseable> onClose;

    private Creditline(Optional<EmbeddedDatabase> embedded, Database database, HttpServer server, int port,
                       List<AutoCloseable> onClose) {
        this.onClose = onClose;
        this.embedded = embedded;
        this.database = database;
        this.server = server;
        this.port = port;
    }

    /** Opens the database configured by {@code config} (starting the embedded one when no URL is set). */
    public static Database openDatabase(Config config, Optional<EmbeddedDatabase> embedded) {
        DatabaseUrl url = embedded.map(EmbeddedDatabase::url)
                .orElseGet(() -> DatabaseUrl.parse(config.databaseUrl().orElseThrow()));
        return Database.open(url.jdbcUrl(), url.user(), url.password(), config.poolSize(), connectTimeout(config),
                statementTimeout(config), config.settings().database().behindPooler());
    }

    /** {@code DATABASE_CONNECT_TIMEOUT_MS}: the longest wait for a database connection (docs/configuration.md). */
    static java.time.Duration connectTimeout(Config config) {
        return config.settings().database().connectTimeout();
    }

    /**
     * {@code DATABASE_STATEMENT_TIMEOUT_MS}: longest a statement may run (default 30,000 ms; 0 disables;
     * at most one hour). A statement that exceeds it is cancelled by PostgreSQL and answered 503.
     */
    static java.time.Duration statementTimeout(Config config) {
        return config.settings().database().statementTimeout();
    }

    /** Starts the embedded database when {@code DATABASE_URL} is unset. */
    public static Optional<EmbeddedDatabase> embeddedIfNeeded(Config config) {
        return config.databaseUrl().isPresent() ? Optional.empty() : Optional.of(EmbeddedDatabase.start(config.dataDir()));
    }

    /** Starts everything on the system clock (UTC); the returned service is listening. */
    public static Creditline start(Config config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts everything with {@code clock} as the source of "now" for every service, token check
     * and background worker (tests pass a clock they move); the returned service is listening.
     */
    public static Creditline start(Config config, Clock clock) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Optional<EmbeddedDatabase> embedded = embeddedIfNeeded(config);
        Database database = null;
        List<AutoCloseable> onClose = new CopyOnWriteArrayList<>();
        try {
            database = openDatabase(config, embedded);
            database.migrate();
            DatabaseScaling.attachReadReplica(config, database);
            ResourceConfig rc = wire(config, database, clock, onClose);
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                    URI.create("http://" + config.host() + ":" + config.port() + "/"), rc, false);
            server.getListeners().forEach(l -> l.registerAddOn(new UpgradeIgnoringAddOn()));
            putEdgeHandlerInFront(server);
            // A body on GET/DELETE reaches Jersey (ignored there) instead of Grizzly's bare 400 without
            // problem+json (docs/api.md "Input robustness").
            server.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
            server.getListeners().forEach(l -> sizeWorkerThreads(l.getTransport().getWorkerThreadPoolConfig(), config));
            server.start();
            int port = server.getListeners().iterator().next().getPort();
            LOG.info("Creditline listening on http://{}:{}/", config.host(), port);
            return new Creditline(embedded, database, server, port, onClose);
        } catch (IOException e) {
            closeAll(onClose);
            closeQuietly(database, embedded);
            throw new UncheckedIOException("could not start the HTTP server on port " + config.port(), e);
        } catch (RuntimeException e) {
            // A feature wired before the failure may have started background work: stop it too.
            closeAll(onClose);
            closeQuietly(database, embedded);
            throw e;
        }
    }

    /** Puts {@link EdgeHttpHandler} in front of the Jersey container the factory registered at "/". */
    private static void putEdgeHandlerInFront(HttpServer server) {
        var handlers = server.getServerConfiguration().getHttpHandlersWithMapping();
        if (handlers.size() != 1) {
            throw new IllegalStateException("expected one HTTP handler (Jersey), found " + handlers.size());
        }
        var jersey = handlers.keySet().iterator().next();
        server.getServerConfiguration().removeHttpHandler(jersey);
        server.getServerConfiguration().addHttpHandler(new EdgeHttpHandler(jersey), "/");
    }

    /**
     * Sizes Grizzly's worker threads (keeping the rest of its configuration, e.g. non-daemon
     * threads, which keep {@code serve} alive): as many as database connections, at least 2 per
     * CPU. Request handling blocks on the database, so Grizzly's default (2 per CPU) would leave
     * most of the pool idle under load (docs/performance.md "Metering"); requests beyond that
     * wait in Grizzly's queue rather than for a connection.
     */
    static void sizeWorkerThreads(ThreadPoolConfig workers, Config config) {
        int n = Math.max(config.poolSize(), 2 * Runtime.getRuntime().availableProcessors());
        workers.setCorePoolSize(n).setMaxPoolSize(n);
    }

    /**
     * What every feature's wiring needs: configuration, clock, database, the core repositories
     * and services, and the Jersey application to register resources on.
     */
    record Core(Config config, Clock clock, Database database, JdbiTransactions tx, JdbiUserRepository users,
                LedgerRepository ledger, UserService userService, CreditService creditService,
                FreeAllowanceService freeAllowance, IdempotencyService idempotency, ResourceConfig rc,
                PrometheusMeterRegistry metrics, List<AutoCloseable> onClose, EventOutbox events,
                BalanceAlertService alerts) {

        /** Every feature's settings, parsed once at start. */
        Settings settings() {
            return config.settings();
        }

        /**
         * Closes {@code resource} (e.g. a background scheduler) when the service stops: after the
         * HTTP server stopped accepting and finished in-flight requests, before the connection
         * pool closes; in reverse order of registration.
         */
        void closeOnShutdown(AutoCloseable resource) {
            onClose.add(resource);
        }
    }

    /** Builds the services on {@code database} and the Jersey application exposing them. */
    static ResourceConfig wire(Config config, Database database, Clock anyClock, List<AutoCloseable> onClose) {
        // One clock for everything, in PostgreSQL's precision (what is stored is what is kept).
        Clock clock = MicrosecondClock.of(anyClock);
        JdbiTransactions tx = database.transactions();
        JdbiUserRepository users = new JdbiUserRepository(tx, clock);
        // The transactional outbox (docs/events.md): every feature emits its events through this port.
        EventOutbox events = new JdbiEventOutbox(tx, clock);
        // Operations: one meter registry per service; the ledger counts grants and debits.
        PrometheusMeterRegistry metrics = OperationsWiring.newMeterRegistry();
        // Balance alerts (docs/events.md): the ledger tells them about every balance change.
        BalanceAlertService alerts = AlertsWiring.alerts(config, tx, events);
        LedgerRepository ledger = new CountingLedgerRepository(new JdbiLedgerRepository(tx, alerts), metrics);
        HealthPort health = new JdbiHealth(database.jdbi(), database.readReplica());
        DatabaseScaling.bindMetrics(database, metrics);

        UserService userService = new UserService(tx, users, ledger, clock, config.signupBonusCredits());
        AccountService accountService = new AccountService(tx, users, new JdbiAccountRepository(tx), clock);
        VerificationTokenService tokenService = new VerificationTokenService(tx, new JdbiVerificationTokenRepository(tx));
        // One free allowance for every path that "sees" a user (bearer filter, metering, lots, credits).
        FreeAllowanceService freeAllowance = MeteringWiring.freeAllowance(config, tx, users, ledger, clock);
        // Idempotency keys of every endpoint share one table, retention and purge (scopes differ).
        IdempotencyService idempotency = new IdempotencyService(tx, new JdbiIdempotencyKeyRepository(tx), clock,
                config.settings().idempotencyRetention());
        CreditService creditService = new CreditService(tx, users, ledger, clock, freeAllowance);

        logDisabledFeatures(config);
        BearerAuthFilter bearer = new BearerAuthFilter(new BearerTokenVerifier(config.authSecrets(), clock),
                freeAllowance, config.adminEmails());
        ResourceConfig rc = RestApi.base(new RestApi.Settings(config.adapterSecret(), config.serviceSecret(),
                config.maxBodyBytes()), bearer);
        rc.register(new HealthResource(health, config.settings().readyTimeout()));
        rc.register(new AdapterAccountsResource(accountService));
        rc.register(new AdapterVerificationTokensResource(tokenService));
        rc.register(new MeResource(userService));
        Core core = new Core(config, clock, database, tx, users, ledger, userService, creditService, freeAllowance,
                idempotency, rc, metrics, onClose, events, alerts);
        LotService lotService = LotsWiring.lotService(core);
        rc.register(new CreditBalanceResource(creditService, lotService));
        rc.register(new CreditHistoryResource(creditService));
        // Each feature registers its services and resources from its own class, one line each,
        // kept apart so that features developed in parallel merge without conflicts.

        // Metering: model calls, holds, credit checks, idempotency keys.
        MeteringWiring.register(core);

        // Guests and admin tools.
        GuestWiring.register(core);

        // Billing: plans, credit packs, Stripe checkout, webhooks, profile.
        BillingWiring.Billing billing = BillingWiring.register(core);
        // The Auth.js adapter's user deletion cancels at Stripe first, like DELETE /api/users/me.
        rc.register(new AdapterUsersResource(userService, userService, userService, billing.deleteUser()));

        // Usage analytics: model-call history, stats cache, export.
        AnalyticsWiring.register(core, billing.defaultPackCheckout(), lotService);

        // Credit lots: lots view, internal grants and void, expiry sweeper.
        LotsWiring.register(core, lotService);

        // Balance thresholds (docs/events.md): GET/PUT /api/users/me/alerts and the internal API.
        AlertsWiring.register(core);

        // Outbound events (docs/events.md): webhook endpoints, deliveries, the dispatcher, lot.expiring.
        WebhooksWiring.register(core);

        // Operations : CORS, OpenAPI, metrics, request logs.
        OperationsWiring.register(core);

        // Last, once every feature has included its OpenAPI fragment: the declared bounds and body
        // media types are enforced from the served document itself.
        rc.register(new DeclaredParametersFilter(OpenApiDocument.assemble(OpenApiDocument.fragments(rc.getProperties()))));
        return rc;
    }

    /** The ledger verification use case on {@code database}, for the CLI. */
    static LedgerVerificationService ledgerVerification(Database database) {
        return new LedgerVerificationService(new JdbiLedgerRepository(database.transactions()));
    }

    private static void logDisabledFeatures(Config config) {
        if (config.adapterSecret().isEmpty()) {
            LOG.warn("ADAPTER_SECRET is not set: the Auth.js adapter API (/api/internal/auth) answers 503");
        }
        if (config.serviceSecret().isEmpty()) {
            LOG.warn("SERVICE_SECRET is not set: the internal metering API (/api/internal) answers 503");
        }
        if (config.authSecrets().isEmpty()) {
            LOG.warn("AUTH_SECRET is not set: every bearer token is refused (401)");
        }
    }

    /** The port the HTTP server listens on. */
    public int port() {
        return port;
    }

    /** The database of this service. */
    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            server.shutdown(10, TimeUnit.SECONDS).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop gracefully: {}", e.toString());
            server.shutdownNow();
        }
        closeAll(onClose);
        closeQuietly(database, embedded);
        LOG.info("Creditline stopped");
    }

    /** Closes registered resources in reverse order of registration, logging failures. */
    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("could not stop {}: {}", resources.get(i), e.toString());
            }
        }
    }

    private static void closeQuietly(Database database, Optional<EmbeddedDatabase> embedded) {
        if (database != null) {
            database.close();
        }
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
