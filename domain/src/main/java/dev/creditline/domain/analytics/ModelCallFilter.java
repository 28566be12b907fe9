package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Filters of {@code GET /api/user/model-calls} and its export (analytics.md "Model calls").
 *
 * @param userId     the user whose calls are read, or empty for all users (admin only)
 * @param from       earliest call time (inclusive), if any
 * @param to         end of call times (exclusive), if any
 * @param search     substring of model, app id or request id (≤ 100 chars), if any
 * @param status     {@code success}, {@code failed}, or empty for all
 * @param model      substring of the model name, if any
 * @param providerId exact provider id, if any
 * @param appId      exact app id ({@code appDid}), if any
 */
public record ModelCallFilter(Optional<UUID> userId, Optional<Instant> from, Optional<Instant> to,
                              Optional<String> search, Optional<String> status, Optional<String> model,
                              Optional<String> providerId, Optional<String> appId) {

    /** Longest accepted {@code search}. */
    public static final int MAX_SEARCH = 100;

    /**
     * Validates the filters.
     *
     * @throws ValidationException {@code endTime} when before {@code startTime}; {@code search}
     *         when longer than 100 chars; {@code status} when not success/failed
     */
    public ModelCallFilter {
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new ValidationException("endTime", "must not be before startTime");
        }
        if (search.isPresent() && search.get().length() > MAX_SEARCH) {
            throw new ValidationException("search", "must be at most " + MAX_SEARCH + " characters");
        }
        if (status.isPresent() && !Set.of("success", "failed").contains(status.get())) {
            throw new ValidationException("status", "must be success, failed or all");
        }
    }
}
