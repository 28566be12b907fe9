SELECT coalesce(sum(amount - captured), 0) FROM holds WHERE user_id = :u AND status = 'open'
