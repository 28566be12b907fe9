SELECT model, count(*) AS calls, COALESCE(sum(input_tokens + output_tokens), 0) AS tokens,
       COALESCE(sum(credits), 0) AS credits
FROM model_calls WHERE user_id = :u GROUP BY model ORDER BY model
