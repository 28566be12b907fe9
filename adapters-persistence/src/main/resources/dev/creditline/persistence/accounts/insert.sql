INSERT INTO accounts (id, user_id, type, provider, provider_account_id, refresh_token,
    access_token, expires_at, token_type, scope, id_token, session_state, created_at)
VALUES (:id, :userId, :type, :provider, :pid, :refreshToken, :accessToken, :expiresAt,
    :tokenType, :scope, :idToken, :sessionState, :createdAt)
ON CONFLICT DO NOTHING
