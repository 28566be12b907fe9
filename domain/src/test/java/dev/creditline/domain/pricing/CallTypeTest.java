package dev.creditline.domain.pricing;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** analytics.md "Model calls": {@code type} and {@code status} wire names. */
class CallTypeTest {

    @Test
    void call_types_use_the_wire_names_of_the_original_system() {
        assertThat(CallType.values()).extracting(CallType::wire).containsExactly(
                "chatCompletion", "embedding", "imageGeneration", "audioGeneration", "video", "custom");
        for (CallType t : CallType.values()) {
            assertThat(CallType.fromWire(t.wire())).isEqualTo(t);
        }
    }

    @Test
    void unknown_or_missing_call_type_is_a_validation_error_on_type() {
        for (String bad : new String[] {"chat", "CHATCOMPLETION", "chat_completion", "", null}) {
            assertThatThrownBy(() -> CallType.fromWire(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("type"));
        }
    }

    @Test
    void call_statuses_use_lower_case_wire_names() {
        assertThat(CallStatus.values()).extracting(CallStatus::wire)
                .containsExactly("processing", "success", "failed");
        assertThat(CallStatus.fromWire("failed")).isEqualTo(CallStatus.FAILED);
        assertThatThrownBy(() -> CallStatus.fromWire("SUCCESS"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("status"));
        assertThatThrownBy(() -> CallStatus.fromWire(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void token_priced_and_media_types_are_classified() {
        assertThat(CallType.CHAT_COMPLETION.isTokenPriced()).isTrue();
        assertThat(CallType.EMBEDDING.isTokenPriced()).isTrue();
        assertThat(CallType.CUSTOM.isTokenPriced()).isTrue();
        assertThat(CallType.IMAGE_GENERATION.isTokenPriced()).isFalse();
        assertThat(CallType.AUDIO_GENERATION.isMedia()).isTrue();
        assertThat(CallType.VIDEO.isMedia()).isTrue();
        assertThat(CallType.IMAGE_GENERATION.isMedia()).isFalse();
    }
}
