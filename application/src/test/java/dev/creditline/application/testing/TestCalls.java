package dev.creditline.application.testing;

import dev.creditline.domain.metering.ModelCall;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Model calls for port tests. */
public final class TestCalls {

    private TestCalls() {
    }

    /** A chat call of the user at {@code at}: {@code in}/{@code out} tokens, {@code credits} charged, 10 ms. */
    public static ModelCall chat(UUID userId, String provider, String model, CallStatus status, long in, long out,
                                 long credits, Instant at) {
        return new ModelCall(UUID.randomUUID(), userId, model, provider, CallType.CHAT_COMPLETION, status,
                Usage.tokens(in, out), credits, 10L, null, null, null, null, null, null, null, at, at);
    }

    /** A whole UTC hour of its own in 2020-2031, so that tests sharing a database do not see each other's calls. */
    public static Instant freshHour() {
        return Instant.parse("2020-01-01T00:00:00Z")
                .plus(Duration.ofHours(ThreadLocalRandom.current().nextLong(0, 24L * 365 * 11)));
    }
}
