package dev.creditline.domain.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.Usage;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** api.md "Metering" input rules; domain.md "Ledger" idempotency keys. */
class MeteringRulesTest {

    private static final String HASH = "a".repeat(64);
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void an_idempotency_key_is_1_to_255_visible_ascii_characters() {
        assertThat(new IdempotencyKey("model-calls", "k-1_ABC.~", HASH).key()).isEqualTo("k-1_ABC.~");
        assertThat(new IdempotencyKey("model-calls", "x".repeat(255), HASH).key()).hasSize(255);
        for (String bad : new String[] {"", "x".repeat(256), "has space", "tab\t", "é"}) {
            assertThatThrownBy(() -> new IdempotencyKey("model-calls", bad, HASH))
                    .isInstanceOf(ValidationException.class);
            // the adapter names the input as its caller spelled it (the header)
            assertThatThrownBy(() -> IdempotencyKey.requireValid("Idempotency-Key", bad))
                    .isInstanceOf(ValidationException.class)
                    .extracting(e -> ((ValidationException) e).field()).isEqualTo("Idempotency-Key");
        }
        assertThatThrownBy(() -> new IdempotencyKey("model-calls", null, HASH)).isInstanceOf(ValidationException.class);
        assertThat(IdempotencyKey.requireValid("Idempotency-Key", "k-1_ABC.~")).isEqualTo("k-1_ABC.~");
    }

    @Test
    void idempotency_errors_have_stable_codes() {
        assertThat(new IdempotencyKeyReusedException("k").code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(new IdempotencyKeyInUseException("k").code()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
    }

    private static ModelCall call(String model, String tag, Long duration) {
        return new ModelCall(UUID.randomUUID(), UUID.randomUUID(), model, null, CallType.CHAT_COMPLETION,
                CallStatus.SUCCESS, Usage.tokens(10, 20), 1, duration, tag, null, null, null, null, null, null, T, T);
    }

    @Test
    void a_model_call_needs_a_model_name_of_at_most_200_characters() {
        assertThat(call("m".repeat(200), null, null).model()).hasSize(200);
        for (String bad : new String[] {null, " ", "m".repeat(201)}) {
            assertThatThrownBy(() -> call(bad, null, null)).isInstanceOf(ValidationException.class)
                    .extracting(e -> ((ValidationException) e).field()).isEqualTo("model");
        }
    }

    @Test
    void model_call_tags_are_at_most_255_characters_and_durations_non_negative() {
        assertThatThrownBy(() -> call("m", "a".repeat(256), null)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("appId");
        assertThatThrownBy(() -> call("m", null, -1L)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("durationMs");
        assertThatThrownBy(() -> call("m", null, ModelCall.MAX_DURATION_MS + 1)).isInstanceOf(ValidationException.class);
    }

    @Test
    void a_model_calls_total_usage_is_input_plus_output_tokens_for_chat() {
        assertThat(call("m", null, 5L).totalUsage()).isEqualTo(30);
    }
}
