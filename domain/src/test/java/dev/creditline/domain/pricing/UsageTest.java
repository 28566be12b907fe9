package dev.creditline.domain.pricing;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** api.md POST /model-calls {@code usage}; domain.md "Pricing". */
class UsageTest {

    private static void assertRejected(Runnable r, String field) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
                });
    }

    @Test
    void negative_usage_is_rejected_naming_the_field() {
        assertRejected(() -> new Usage(-1, 0, 0, 0, 0, 0), "usage.inputTokens");
        assertRejected(() -> new Usage(0, -1, 0, 0, 0, 0), "usage.outputTokens");
        assertRejected(() -> new Usage(0, 0, -1, 0, 0, 0), "usage.cacheCreationInputTokens");
        assertRejected(() -> new Usage(0, 0, 0, -1, 0, 0), "usage.cacheReadInputTokens");
        assertRejected(() -> new Usage(0, 0, 0, 0, -1, 0), "usage.numberOfImageGeneration");
        assertRejected(() -> new Usage(0, 0, 0, 0, 0, -1), "usage.mediaDurationSeconds");
    }

    @Test
    void usage_above_ten_to_the_twelfth_is_rejected() {
        assertRejected(() -> Usage.tokens(Usage.MAX + 1, 0), "usage.inputTokens");
        assertRejected(() -> Usage.media(0, Long.MAX_VALUE), "usage.mediaDurationSeconds");
        assertThat(Usage.tokens(Usage.MAX, Usage.MAX).inputTokens()).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void factories_fill_only_their_fields() {
        assertThat(Usage.tokens(5, 6)).isEqualTo(new Usage(5, 6, 0, 0, 0, 0));
        assertThat(Usage.images(5, 2)).isEqualTo(new Usage(5, 0, 0, 0, 2, 0));
        assertThat(Usage.media(5, 30)).isEqualTo(new Usage(5, 0, 0, 0, 0, 30));
        assertThat(Usage.NONE).isEqualTo(new Usage(0, 0, 0, 0, 0, 0));
    }
}
