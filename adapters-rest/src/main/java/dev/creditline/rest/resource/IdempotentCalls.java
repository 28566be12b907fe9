package dev.creditline.rest.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.out.IdempotencyKeyRepository.StoredOutcome;
import dev.creditline.domain.DomainException;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.rest.json.ObjectMappers;
import dev.creditline.rest.problem.DomainExceptionMapper;
import dev.creditline.rest.problem.Problems;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a mutating internal request under an optional {@code Idempotency-Key} header, the way the
 * metering endpoints do: the key and the answer (refusals included) are stored with the effect;
 * a replay carries {@code Idempotent-Replayed: true}.
 */
final class IdempotentCalls {

    private static final DomainExceptionMapper PROBLEMS = new DomainExceptionMapper();

    private final IdempotentRequestUseCase idempotency;

    IdempotentCalls(IdempotentRequestUseCase idempotency) {
        this.idempotency = idempotency;
    }

    /**
     * @param headerKey   the header's value, or null
     * @param scope       the endpoint's key scope
     * @param requestLine method and path, hashed with the body
     * @param status      the status of a successful answer
     * @param effect      the work; its answer is rendered as JSON
     */
    Response run(String headerKey, String scope, String requestLine, JsonNode body, int status,
                 Supplier<Object> effect) {
        IdempotencyKey key = headerKey == null ? null
                : new IdempotencyKey(scope, headerKey, MeteringResource.hash(requestLine, body));
        IdempotentRequestUseCase.Result result = idempotency.execute(key,
                () -> new StoredOutcome(status, json(effect.get())), IdempotentCalls::refusal);
        StoredOutcome o = result.outcome();
        Response.ResponseBuilder b = Response.status(o.status())
                .type(o.status() >= 400 ? Problems.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(o.body());
        if (result.replayed()) {
            b.header(MeteringResource.REPLAYED_HEADER, "true");
        }
        return b.build();
    }

    private static Optional<StoredOutcome> refusal(DomainException e) {
        Response r = PROBLEMS.toResponse(e);
        return Optional.of(new StoredOutcome(r.getStatus(), json(r.getEntity())));
    }

    private static String json(Object value) {
        try {
            return ObjectMappers.shared().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the answer", e);
        }
    }
}
