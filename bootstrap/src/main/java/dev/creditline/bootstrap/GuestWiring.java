package dev.creditline.bootstrap;

import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.application.service.AdminCreditService;
import dev.creditline.application.service.GuestService;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.domain.guest.GuestLimits;
import dev.creditline.persistence.JdbiGuestRepository;
import dev.creditline.rest.auth.GuestTokens;
import dev.creditline.rest.resource.AdminGrantResource;
import dev.creditline.rest.resource.LedgerVerifyResource;
import dev.creditline.rest.resource.GuestInternalResource;
import dev.creditline.rest.resource.GuestResource;
import dev.creditline.application.service.IdempotencyService;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires guests ({@code /api/guest/init}, {@code /api/internal/guests/*}) and the admin tools
 * ({@code /api/admin/*}); docs/guests-and-admin.md.
 *
 * <p>Configuration: {@code GUEST_SECRET} (≥ 32 bytes; unset → guest endpoints answer 503),
 * {@code GUEST_UPLOAD_LIMIT} (default 1), {@code GUEST_CHAT_LIMIT} (default 3),
 * {@code COOKIE_SECURE} ({@code true|false}) and {@code FRONTEND_URL} (https → Secure cookie).
 */
final class GuestWiring {

    private static final Logger LOG = LoggerFactory.getLogger(GuestWiring.class);

    private GuestWiring() {
    }

    /**
     * Registers the guest and admin resources on {@code core.rc()}.
     *
     * @throws ConfigException for a short {@code GUEST_SECRET}, a bad limit or a bad {@code COOKIE_SECURE}
     */
    static void register(Creditline.Core core) {
        OpenApiDocument.include(core.rc(), "guests-admin");
        Settings.GuestSettings settings = core.settings().guests();
        Optional<String> secret = settings.secret();
        GuestTokens tokens;
        try {
            tokens = new GuestTokens(secret, core.clock());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        if (!tokens.configured()) {
            LOG.warn("GUEST_SECRET is not set: guest endpoints (/api/guest/init, /api/internal/guests) answer 503");
        } else if (core.config().authSecrets().contains(secret.get())) {
            LOG.warn("GUEST_SECRET equals an AUTH_SECRET: use a separate secret for guest tokens");
        }
        GuestLimits limits = new GuestLimits(settings.uploadLimit(), settings.chatLimit(), GuestLimits.DEFAULT_WINDOW);

        GuestService guests = new GuestService(core.tx(), new JdbiGuestRepository(core.tx()), core.users(), limits,
                core.clock());
        core.rc().register(new GuestResource(tokens, settings.secureCookie()));
        IdempotencyService idempotency = core.idempotency();
        core.rc().register(new GuestInternalResource(tokens, guests, guests, idempotency));

        core.rc().register(new LedgerVerifyResource(new LedgerVerificationService(core.ledger())));
        core.rc().register(new AdminGrantResource(new AdminCreditService(core.tx(), core.ledger(), core.clock()),
                idempotency));
    }
}
