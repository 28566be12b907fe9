-- A page of model calls with their user's name and email, newest first, on the
-- (user_id, call_time DESC) index (:limit, :offset; the export streams it from offset 0).
-- where: the filter's conditions, built by the adapter from the filters present (an absent
-- filter adds nothing, so every combination keeps its own plan).
SELECT c.id, c.user_id, u.name AS user_name, u.email AS user_email, c.app_id, c.provider_id, c.model, c.type,
       c.status, c.input_tokens, c.output_tokens, c.cache_creation_input_tokens, c.cache_read_input_tokens,
       c.images, c.media_seconds, c.total_usage, c.credits, c.duration_ms, c.call_time, c.error_reason,
       c.request_id
FROM model_calls c JOIN users u ON u.id = c.user_id
<where>
ORDER BY c.call_time DESC, c.id DESC LIMIT :limit OFFSET :offset
