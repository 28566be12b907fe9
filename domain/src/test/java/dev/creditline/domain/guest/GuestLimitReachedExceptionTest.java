package dev.creditline.domain.guest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuestLimitReachedExceptionTest {

    @Test
    void the_refusal_asks_the_guest_to_log_in_in_the_words_of_the_action() {
        assertThat(new GuestLimitReachedException(GuestAction.CHAT, 3).getMessage())
                .isEqualTo("Guest message limit reached. Please log in.");
        assertThat(new GuestLimitReachedException(GuestAction.UPLOAD, 1).getMessage())
                .isEqualTo("Guest upload limit reached. Please log in.");
        assertThat(new GuestLimitReachedException(GuestAction.CHAT, 3).code()).isEqualTo("GUEST_LIMIT_REACHED");
    }
}
