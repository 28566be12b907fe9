SELECT count(DISTINCT document_id) AS docs, count(DISTINCT session_id) AS sessions,
       count(DISTINCT message_id) AS messages,
       COALESCE(sum(input_tokens + output_tokens), 0) AS tokens
FROM model_calls WHERE user_id = :u
