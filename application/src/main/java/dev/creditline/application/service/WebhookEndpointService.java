package dev.creditline.application.service;

import dev.creditline.application.port.in.events.ManageWebhookEndpointsUseCase;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.domain.event.WebhookEndpoint;
import dev.creditline.application.port.out.events.WebhookEndpointRepository;
import dev.creditline.application.port.out.events.WebhookHostCheck;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.event.WebhookNotFoundException;
import dev.creditline.domain.event.WebhookUrls;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook endpoints managed by admins (docs/events.md "Admin API"). Every input is checked before
 * anything is written; the host of a new or changed URL must resolve to an address deliveries may
 * go to and accept connections. A secret is 32 random bytes, {@code whsec_<base64>}, shown once;
 * after a rotation the previous secret keeps signing (as a second signature) for the grace period.
 */
public final class WebhookEndpointService implements ManageWebhookEndpointsUseCase {

    /** Longest description. */
    public static final int MAX_DESCRIPTION = 500;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TransactionPort tx;
    private final WebhookEndpointRepository endpoints;
    private final WebhookHostCheck hosts;
    private final Clock clock;
    private final boolean allowHttpLoopback;
    private final Duration rotationGrace;

    /**
     * @param allowHttpLoopback {@code ALLOW_HTTP_WEBHOOKS}: plain http to loopback hosts is accepted
     * @param rotationGrace     how long a rotated-out secret keeps signing
     */
    public WebhookEndpointService(TransactionPort tx, WebhookEndpointRepository endpoints, WebhookHostCheck hosts,
                                  Clock clock, boolean allowHttpLoopback, Duration rotationGrace) {
        this.tx = tx;
        this.endpoints = endpoints;
        this.hosts = hosts;
        this.clock = clock;
        this.allowHttpLoopback = allowHttpLoopback;
        this.rotationGrace = rotationGrace;
    }

    @Override
    public EndpointAndSecret create(NewEndpoint e) {
        URI url = WebhookUrls.check("url", e.url(), allowHttpLoopback);
        Set<EventType> types = eventTypes(e.eventTypes());
        String description = description(e.description());
        hosts.check("url", url);
        Instant now = clock.instant();
        String secret = newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(UUID.randomUUID(), url.toString(), description, types, secret,
                null, null, true, null, 0, "admin", now, now);
        tx.inTransaction(() -> endpoints.insert(endpoint));
        return new EndpointAndSecret(endpoint, Optional.of(secret));
    }

    @Override
    public List<WebhookEndpoint> list() {
        return endpoints.list();
    }

    @Override
    public WebhookEndpoint get(UUID id) {
        return endpoints.find(id).orElseThrow(() -> new WebhookNotFoundException("webhook endpoint " + id));
    }

    @Override
    public EndpointAndSecret update(UUID id, EndpointChange c) {
        URI url = c.url() == null ? null : WebhookUrls.check("url", c.url(), allowHttpLoopback);
        Set<EventType> types = c.eventTypes() == null ? null : eventTypes(c.eventTypes());
        String description = c.description() == null ? null : description(c.description());
        WebhookEndpoint before = get(id);
        if (url != null && !url.toString().equals(before.url())) {
            hosts.check("url", url);
        }
        Instant now = clock.instant();
        String secret = c.rotateSecret() ? newSecret() : null;
        WebhookEndpoint after = tx.inTransaction(() -> {
            WebhookEndpoint current = get(id);
            boolean enable = c.enabled() != null && c.enabled() && !current.enabled();
            WebhookEndpoint next = new WebhookEndpoint(id,
                    url != null ? url.toString() : current.url(),
                    description != null ? (description.isEmpty() ? null : description) : current.description(),
                    types != null ? types : current.eventTypes(),
                    secret != null ? secret : current.secret(),
                    secret != null ? current.secret() : current.previousSecret(),
                    secret != null ? now.plus(rotationGrace) : current.previousSecretExpiresAt(),
                    c.enabled() != null ? c.enabled() : current.enabled(),
                    c.enabled() == null ? current.disabledReason() : c.enabled() ? null : "disabled by an admin",
                    enable ? 0 : current.consecutiveFailures(),
                    current.source(), current.createdAt(), now);
            if (!endpoints.update(next)) {
                throw new WebhookNotFoundException("webhook endpoint " + id);
            }
            return next;
        });
        return new EndpointAndSecret(after, Optional.ofNullable(secret));
    }

    @Override
    public void delete(UUID id) {
        if (!tx.inTransaction(() -> endpoints.delete(id))) {
            throw new WebhookNotFoundException("webhook endpoint " + id);
        }
    }

    /** A new signing secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Wire names → types; null or empty = every type. */
    static Set<EventType> eventTypes(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        Set<EventType> out = EnumSet.noneOf(EventType.class);
        for (String name : names) {
            if (name == null) {
                throw new ValidationException("eventTypes", "must not contain null");
            }
            out.add(EventType.fromWire(name).orElseThrow(() -> new ValidationException("eventTypes",
                    "contains an unknown event type '" + (name.length() > 60 ? name.substring(0, 60) + "…" : name)
                            + "' (docs/events.md lists them)")));
        }
        return out;
    }

    private static String description(String d) {
        if (d == null) {
            return null;
        }
        if (d.length() > MAX_DESCRIPTION) {
            throw new ValidationException("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (d.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f)) {
            throw new ValidationException("description", "must not contain control characters");
        }
        return d;
    }
}
