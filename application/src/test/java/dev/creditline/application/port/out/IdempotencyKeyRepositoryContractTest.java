package dev.creditline.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.out.IdempotencyKeyRepository.StoredKey;
import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotentOutcome;
import dev.creditline.domain.metering.IdempotentOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyKeyRepository} does: a key is claimed once per scope, its outcome
 * (every kind) stored and read back exactly, a claim rolled back with its transaction frees the key, and the
 * purge deletes only keys older than the cutoff, at most as many as asked, oldest first.
 */
public abstract class IdempotencyKeyRepositoryContractTest {

    /** The implementations under test. */
    protected abstract Ports ports();

    private TransactionPort tx() {
        return ports().tx();
    }

    private IdempotencyKeyRepository keys() {
        return ports().keys();
    }

    private static final Instant T = TestUsers.T0;
    private static final String H1 = hash('1');
    private static final String H2 = hash('2');

    /** A request hash as stored: 64 lower-case hex digits, here all {@code c}. */
    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static IdempotencyKey key(String scope, String hash) {
        return new IdempotencyKey(scope, "k-" + UUID.randomUUID(), hash);
    }

    @Test
    void a_key_is_claimed_once_and_its_outcome_read_back_exactly() {
        IdempotencyKey k = key("model-calls", H1);
        IdempotentOutcome outcome = new IdempotentOutcome(Kind.CREATED, "{\"id\":\"x\",\"note\":\"é\"}");

        assertThat(tx().inTransaction(() -> {
            boolean claimed = keys().claim(k, T);
            assertThat(keys().find(k.scope(), k.key())).contains(new StoredKey(H1, Optional.empty()));
            keys().complete(k, outcome);
            return claimed;
        })).isTrue();

        assertThat(keys().claim(k, T)).isFalse();
        assertThat(keys().find(k.scope(), k.key())).contains(new StoredKey(H1, Optional.of(outcome)));
    }

    @Test
    void the_same_key_in_another_scope_is_another_key() {
        IdempotencyKey k = key("model-calls", H1);
        IdempotencyKey same = new IdempotencyKey("holds", k.key(), H2);

        assertThat(keys().claim(k, T)).isTrue();
        assertThat(keys().claim(same, T)).isTrue();
        assertThat(keys().find("holds", k.key()).orElseThrow().requestHash()).isEqualTo(H2);
        assertThat(keys().find("other", k.key())).isEmpty();
    }

    @Test
    void a_claim_rolled_back_with_its_transaction_frees_the_key() {
        IdempotencyKey k = key("model-calls", H1);

        assertThatThrownBy(() -> tx().inTransaction(() -> {
            keys().claim(k, T);
            throw new IllegalStateException("refused");
        })).hasMessage("refused");

        assertThat(keys().find(k.scope(), k.key())).isEmpty();
        assertThat(keys().claim(k, T)).isTrue();
    }

    @Test
    void a_request_hash_that_is_not_64_lower_case_hex_digits_is_refused() {
        assertThatThrownBy(() -> keys().claim(key("model-calls", "h1"), T)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> keys().claim(key("model-calls", hash('A')), T)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void completing_a_key_that_was_not_claimed_fails() {
        IdempotencyKey k = key("model-calls", H1);

        assertThatThrownBy(() -> keys().complete(k, new IdempotentOutcome(Kind.APPLIED, "{}")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_completed_key_is_inserted_once() {
        IdempotencyKey k = key("model-calls", H1);
        IdempotentOutcome refused = new IdempotentOutcome(Kind.REFUSED_INSUFFICIENT_FUNDS, "{\"code\":\"INSUFFICIENT_CREDITS\"}");

        assertThat(keys().insertCompleted(k, refused, T)).isTrue();
        assertThat(keys().insertCompleted(k, new IdempotentOutcome(Kind.APPLIED, "{}"), T)).isFalse();
        assertThat(keys().claim(k, T)).isFalse();
        assertThat(keys().find(k.scope(), k.key())).contains(new StoredKey(H1, Optional.of(refused)));
    }

    @Test
    void every_kind_of_outcome_is_read_back_as_stored() {
        for (Kind kind : Kind.values()) {
            IdempotencyKey k = key("model-calls", H1);
            IdempotentOutcome outcome = new IdempotentOutcome(kind, "{\"kind\":\"" + kind + "\"}");

            assertThat(keys().insertCompleted(k, outcome, T)).isTrue();
            assertThat(keys().find(k.scope(), k.key())).as(kind.name()).contains(new StoredKey(H1, Optional.of(outcome)));
        }
    }

    @Test
    void the_purge_deletes_keys_created_before_the_cutoff_oldest_first_up_to_the_limit() {
        String scope = "purge-" + UUID.randomUUID().toString().substring(0, 8);
        // far in the past so that no other test's keys are older
        Instant old = Instant.parse("2001-01-01T00:00:00Z");
        IdempotencyKey oldest = key(scope, H1);
        IdempotencyKey older = key(scope, H1);
        IdempotencyKey atCutoff = key(scope, H1);
        keys().claim(older, old.plus(Duration.ofMinutes(2)));
        keys().claim(oldest, old.plus(Duration.ofMinutes(1)));
        keys().claim(atCutoff, old.plus(Duration.ofMinutes(3)));

        assertThat(keys().deleteCreatedBefore(old.plus(Duration.ofMinutes(3)), 1)).isEqualTo(1);
        assertThat(keys().find(scope, oldest.key())).isEmpty();
        assertThat(keys().find(scope, older.key())).isPresent();
        assertThat(keys().deleteCreatedBefore(old.plus(Duration.ofMinutes(3)), 10)).isEqualTo(1);
        assertThat(keys().find(scope, older.key())).isEmpty();
        assertThat(keys().find(scope, atCutoff.key())).isPresent();
    }
}
