package dev.creditline.rest.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.domain.DomainException;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotentOutcome;
import dev.creditline.domain.metering.IdempotentOutcome.Kind;
import dev.creditline.rest.json.ObjectMappers;
import dev.creditline.rest.problem.DomainExceptionMapper;
import dev.creditline.rest.problem.Problems;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a mutating request under its optional {@code Idempotency-Key} header (lesson 9),
 * the same way for every endpoint that honours one: a retry with the same key and
 * request gets the first answer again (status and body, header {@code Idempotent-Replayed: true});
 * the same key with another request is 422 {@code IDEMPOTENCY_KEY_REUSED}; a refusal that a
 * {@link DomainException} explains (402, 404, 409, …) is stored and replayed too, but bad input
 * ({@link ValidationException}, 400) stores nothing under the key, so a corrected retry with the
 * same key runs (GUIDE: bad input writes nothing). Keys are
 * scoped per endpoint; the request hash covers the request line (method, path, and whatever else
 * the caller puts in it) and the body with its members sorted.
 *
 * <p>The application stores what the use case produced ({@link IdempotentOutcome}: a kind and the
 * document answered); the status line is this adapter's: {@link #statusOf(Kind)} and back.
 */
public final class IdempotentRequests {

    /** Request header carrying the key; also the field name of its errors. */
    public static final String HEADER = "Idempotency-Key";
    /** Response header set on an answer replayed from a stored idempotency key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** The status answered for each kind of outcome (a refusal's is its problem's, {@link DomainExceptionMapper}). */
    private static final Map<Kind, Integer> STATUS = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.CREATED, 201),
            Map.entry(Kind.APPLIED, 200),
            Map.entry(Kind.REFUSED_UNKNOWN_OPTION, 400),
            Map.entry(Kind.REFUSED_INSUFFICIENT_FUNDS, 402),
            Map.entry(Kind.REFUSED_NOT_PERMITTED, 403),
            Map.entry(Kind.REFUSED_NOT_FOUND, 404),
            Map.entry(Kind.REFUSED_CONFLICT, 409),
            Map.entry(Kind.REFUSED_EXPIRED, 410),
            Map.entry(Kind.REFUSED_BY_RULE, 422),
            Map.entry(Kind.FAILED_REMOTE, 502),
            Map.entry(Kind.UNAVAILABLE, 503)));
    private static final Map<Integer, Kind> KIND = new HashMap<>();

    static {
        STATUS.forEach((kind, status) -> KIND.put(status, kind));
    }

    private static final ObjectMapper CANONICAL = ObjectMappers.create()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final DomainExceptionMapper PROBLEMS = new DomainExceptionMapper();

    private final IdempotentRequestUseCase idempotency;

    public IdempotentRequests(IdempotentRequestUseCase idempotency) {
        this.idempotency = idempotency;
    }

    /**
     * Runs {@code effect} (inside the key's transaction when a key is given) and answers
     * {@code status} with its JSON, or the stored answer of an earlier request with the same key.
     *
     * @param headerKey   the {@value #HEADER} header, or null to just run the effect
     * @param scope       the key's scope (one per endpoint), e.g. {@code guest-consume}
     * @param requestLine what identifies the request besides its body, e.g. {@code POST /api/…}
     * @param body        the request body (null for none)
     * @param status        the status of a successful answer: 201 (created) or 200 (applied)
     * @throws ValidationException naming {@value #HEADER} for a key that is not 1..255 visible ASCII
     *         characters (400)
     * @throws dev.creditline.domain.metering.IdempotencyKeyReusedException for the same key with
     *         another request (422)
     */
    public Response run(String headerKey, String scope, String requestLine, JsonNode body, int status,
                        Supplier<?> effect) {
        return run(headerKey, scope, requestLine, body, status, () -> { }, effect);
    }

    /**
     * {@link #run(String, String, String, JsonNode, int, Supplier)} for an effect whose use case has a step
     * that must commit on its own before the effect's transaction (the free allowance before a debit:
     * {@link dev.creditline.application.port.in.PrepareDebitUseCase}). Without a key the use case runs that
     * step itself; with a key the effect runs inside the key's transaction, so the step runs here first.
     *
     * @param beforeKeyedTransaction the use case's own step, run (outside any transaction) only when a key
     *                               is given
     */
    public Response run(String headerKey, String scope, String requestLine, JsonNode body, int status,
                        Runnable beforeKeyedTransaction, Supplier<?> effect) {
        Kind produced = kindOf(status);
        if (headerKey != null) {
            beforeKeyedTransaction.run();
        }
        IdempotencyKey key = headerKey == null ? null
                : new IdempotencyKey(scope, IdempotencyKey.requireValid(HEADER, headerKey), hash(requestLine, body));
        IdempotentRequestUseCase.Result result = idempotency.execute(key,
                () -> new IdempotentOutcome(produced, json(effect.get())),
                IdempotentRequests::refusal);
        IdempotentOutcome o = result.outcome();
        int answered = statusOf(o.kind());
        Response.ResponseBuilder b = Response.status(answered)
                .type(answered >= 400 ? Problems.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(o.document());
        if (result.replayed()) {
            b.header(REPLAYED_HEADER, "true");
        }
        return b.build();
    }

    /**
     * The stored answer of a refused request: the problem+json the mapper would give; none for
     * bad input (rethrown, nothing stored).
     */
    private static Optional<IdempotentOutcome> refusal(DomainException e) {
        if (e instanceof ValidationException) {
            return Optional.empty();
        }
        Response r = PROBLEMS.toResponse(e);
        return Optional.of(new IdempotentOutcome(kindOf(r.getStatus()), json(r.getEntity())));
    }

    /** The status answered for an outcome of {@code kind}, the first time and on every replay. */
    static int statusOf(Kind kind) {
        return STATUS.get(kind);
    }

    /**
     * The kind of outcome answered with {@code status}.
     *
     * @throws IllegalArgumentException for a status no kind is answered with
     */
    static Kind kindOf(int status) {
        Kind kind = KIND.get(status);
        if (kind == null) {
            throw new IllegalArgumentException("no idempotent outcome is answered with status " + status);
        }
        return kind;
    }

    /** Hex SHA-256 of the request line and the body with object members sorted by name. */
    static String hash(String requestLine, JsonNode body) {
        try {
            String canonical = body == null || body.isNull() || body.isMissingNode()
                    ? "" : CANONICAL.writeValueAsString(CANONICAL.convertValue(body, Object.class));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(requestLine.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }

    private static String json(Object value) {
        try {
            return ObjectMappers.shared().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the answer", e);
        }
    }
}
