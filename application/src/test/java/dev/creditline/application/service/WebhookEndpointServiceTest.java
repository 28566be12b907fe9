package dev.creditline.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.in.events.ManageWebhookEndpointsUseCase.EndpointAndSecret;
import dev.creditline.application.port.in.events.ManageWebhookEndpointsUseCase.EndpointChange;
import dev.creditline.application.port.in.events.ManageWebhookEndpointsUseCase.NewEndpoint;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.domain.event.WebhookEndpoint;
import dev.creditline.application.port.out.events.WebhookEndpointRepository;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.event.WebhookNotFoundException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Endpoint management with in-memory ports: checks before writes, secrets, rotation, re-enabling. */
class WebhookEndpointServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    /** In-memory endpoints. */
    static final class Endpoints implements WebhookEndpointRepository {
        final Map<UUID, WebhookEndpoint> rows = new LinkedHashMap<>();

        @Override
        public void insert(WebhookEndpoint e) {
            rows.put(e.id(), e);
        }

        @Override
        public List<WebhookEndpoint> list() {
            return new ArrayList<>(rows.values());
        }

        @Override
        public Optional<WebhookEndpoint> find(UUID id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public boolean update(WebhookEndpoint e) {
            return rows.replace(e.id(), e) != null;
        }

        @Override
        public boolean delete(UUID id) {
            return rows.remove(id) != null;
        }

        @Override
        public void upsertConfigured(UUID id, String url, String secret, Instant previousUntil, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disableConfigured(UUID id, String reason, Instant now) {
            throw new UnsupportedOperationException();
        }
    }

    private static final TransactionPort NO_TX = new TransactionPort() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };

    private final Endpoints endpoints = new Endpoints();
    private final List<URI> checkedHosts = new ArrayList<>();
    private final WebhookEndpointService service = new WebhookEndpointService(NO_TX, endpoints,
            (field, url) -> {
                checkedHosts.add(url);
                if (url.getHost().endsWith(".invalid")) {
                    throw new ValidationException(field, "host does not resolve");
                }
            }, Clock.fixed(NOW, ZoneOffset.UTC), false, Duration.ofHours(24));

    @Test
    void a_new_endpoint_gets_a_whsec_secret_shown_once_and_its_event_types() {
        EndpointAndSecret made = service.create(new NewEndpoint("https://hooks.example.com/c",
                List.of("credits.granted", "user.deleted", "credits.granted"), "main"));
        assertThat(made.newSecret()).get().asString().startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(made.endpoint().eventTypes()).containsExactlyInAnyOrder(EventType.CREDITS_GRANTED,
                EventType.USER_DELETED);
        assertThat(made.endpoint().subscribes(EventType.CREDITS_GRANTED)).isTrue();
        assertThat(made.endpoint().subscribes(EventType.HOLD_EXPIRED)).isFalse();
        assertThat(endpoints.rows).hasSize(1);
        WebhookEndpoint all = service.create(new NewEndpoint("https://hooks.example.com/all", null, null)).endpoint();
        assertThat(all.eventTypes()).isEmpty();
        assertThat(all.subscribes(EventType.HOLD_EXPIRED)).isTrue();
    }

    @Test
    void bad_input_is_refused_naming_the_field_before_anything_is_checked_or_written() {
        assertThatThrownBy(() -> service.create(new NewEndpoint("http://hooks.example.com/", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("url"));
        assertThatThrownBy(() -> service.create(new NewEndpoint("https://hooks.example.com/", List.of("nope"), null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("eventTypes"));
        assertThatThrownBy(() -> service.create(new NewEndpoint("https://hooks.example.com/", null, "x".repeat(501))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("description"));
        assertThat(checkedHosts).isEmpty();
        assertThatThrownBy(() -> service.create(new NewEndpoint("https://gone.invalid/", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("url"));
        assertThat(endpoints.rows).isEmpty();
    }

    @Test
    void a_rotation_keeps_the_old_secret_signing_for_the_grace_period() {
        EndpointAndSecret made = service.create(new NewEndpoint("https://hooks.example.com/c", null, null));
        EndpointAndSecret rotated = service.update(made.endpoint().id(), new EndpointChange(null, null, null, null, true));
        assertThat(rotated.newSecret()).get().isNotEqualTo(made.newSecret().orElseThrow());
        assertThat(rotated.endpoint().secret()).isEqualTo(rotated.newSecret().orElseThrow());
        assertThat(rotated.endpoint().previousSecret()).isEqualTo(made.newSecret().orElseThrow());
        assertThat(rotated.endpoint().previousSecretExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        EndpointAndSecret unchanged = service.update(made.endpoint().id(), new EndpointChange(null, null, "d", null, false));
        assertThat(unchanged.newSecret()).isEmpty();
        assertThat(unchanged.endpoint().secret()).isEqualTo(rotated.endpoint().secret());
        assertThat(unchanged.endpoint().description()).isEqualTo("d");
    }

    @Test
    void enabling_a_disabled_endpoint_resets_its_failure_streak() {
        WebhookEndpoint e = service.create(new NewEndpoint("https://hooks.example.com/c", null, null)).endpoint();
        endpoints.rows.put(e.id(), new WebhookEndpoint(e.id(), e.url(), null, Set.of(), e.secret(), null, null, false,
                "20 deliveries in a row failed", 20, "admin", NOW, NOW));
        WebhookEndpoint enabled = service.update(e.id(), new EndpointChange(null, null, null, true, false)).endpoint();
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.consecutiveFailures()).isZero();
        assertThat(enabled.disabledReason()).isNull();
        assertThatThrownBy(() -> service.update(UUID.randomUUID(), new EndpointChange(null, null, null, true, false)))
                .isInstanceOf(WebhookNotFoundException.class);
        assertThatThrownBy(() -> service.delete(UUID.randomUUID())).isInstanceOf(WebhookNotFoundException.class);
    }
}
