// Generates tokens.json for BearerTokenVerifierTest (see README.md).
// Uses the REAL Auth.js v5 encode() from @auth/core/jwt for JWE session tokens
// and jose's SignJWT for HS256 JWS tokens, so the Java verifier is tested
// against byte-for-byte what production issuers emit.
import { writeFileSync, readFileSync } from "node:fs";
import { hkdfSync } from "node:crypto";
import { encode } from "@auth/core/jwt";
import { SignJWT, EncryptJWT, UnsecuredJWT, base64url } from "jose";

// Test-only secrets (never used anywhere real). 44 chars, like `npx auth secret`.
const AUTH_SECRET = "test-only-auth-secret-0123456789abcdefghijkl";
const AUTH_SECRET_1 = "test-only-rotated-secret-9876543210zyxwvuts";
const WRONG_SECRET = "test-only-WRONG-secret-not-configured-000000";

const USER_ID = "3f1c2a9e-7b4d-4e8a-9c61-2d5f0b8e4a17";
const OTHER_USER_ID = "b6e0d7c2-1a3f-4c59-8e24-7f9a0c3d5e61";
const AUTHJS_SALT = "authjs.session-token";
const SECURE_SALT = "__Secure-authjs.session-token";

const now = Math.floor(Date.now() / 1000);
const YEAR_2100 = 4102444800; // 2100-01-01T00:00:00Z
const LONG_MAX_AGE = YEAR_2100 - now; // valid fixtures stay valid until ~2100
const enc = new TextEncoder();

// What Auth.js' default jwt() callback puts in the token (name, email, picture, sub);
// encode() itself adds iat, exp and jti, and sets kid = JWK thumbprint of the derived key.
const sessionClaims = (sub) => ({
  name: "Fixture User",
  email: "fixture.user@example.test",
  picture: null,
  sub,
});

const authjs = (token, secret, salt, maxAge = LONG_MAX_AGE) =>
  encode({ token, secret, salt, maxAge });

const hs = (claims, secret, { alg = "HS256", iat = now, exp = YEAR_2100 } = {}) => {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg, typ: "JWT" }).setIssuedAt(iat);
  if (exp !== null) jwt = jwt.setExpirationTime(exp);
  return jwt.sign(enc.encode(secret));
};

// A256GCM variant: Auth.js' decode() accepts it, encode() never emits it, so build it
// with jose + the same HKDF derivation (32-byte key).
const gcmKey = (secret, salt) =>
  new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 32));

const tamper = (jws) => {
  const [h, p, s] = jws.split(".");
  const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p)));
  payload.sub = OTHER_USER_ID;
  return [h, base64url.encode(JSON.stringify(payload)), s].join(".");
};

const t = {};
const add = (name, valid, description, token) => (t[name] = { valid, description, token });

add("jwe_authjs_salt", true, "Auth.js encode(), salt authjs.session-token, AUTH_SECRET",
  await authjs(sessionClaims(USER_ID), AUTH_SECRET, AUTHJS_SALT));
add("jwe_secure_salt", true, "Auth.js encode(), salt __Secure-authjs.session-token, AUTH_SECRET",
  await authjs(sessionClaims(USER_ID), AUTH_SECRET, SECURE_SALT));
add("jwe_rotated_secret", true, "Auth.js encode() with AUTH_SECRET_1 (rotated secret)",
  await authjs(sessionClaims(USER_ID), AUTH_SECRET_1, AUTHJS_SALT));
add("jwe_a256gcm", true, "jose EncryptJWT dir/A256GCM, HKDF key length 32, AUTH_SECRET",
  await new EncryptJWT(sessionClaims(USER_ID)).setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now).setExpirationTime(YEAR_2100).encrypt(gcmKey(AUTH_SECRET, AUTHJS_SALT)));
add("jws_hs256", true, "jose SignJWT HS256 with AUTH_SECRET",
  await hs({ sub: USER_ID }, AUTH_SECRET));
add("jws_with_role_admin", true, "jose SignJWT HS256 with role=admin",
  await hs({ sub: USER_ID, role: "admin" }, AUTH_SECRET));

add("expired_jwe", false, "Auth.js encode() with maxAge -3600 (expired an hour before generation)",
  await authjs(sessionClaims(USER_ID), AUTH_SECRET, AUTHJS_SALT, -3600));
add("expired_jws", false, "HS256, exp an hour before generation",
  await hs({ sub: USER_ID }, AUTH_SECRET, { iat: now - 7200, exp: now - 3600 }));
add("wrong_secret_jwe", false, "Auth.js encode() with a secret the verifier does not have",
  await authjs(sessionClaims(USER_ID), WRONG_SECRET, AUTHJS_SALT));
add("wrong_secret_jws", false, "HS256 signed with a secret the verifier does not have",
  await hs({ sub: USER_ID }, WRONG_SECRET));
add("alg_none", false, "unsecured JWT (alg none), otherwise valid claims",
  new UnsecuredJWT({ sub: USER_ID }).setIssuedAt(now).setExpirationTime(YEAR_2100).encode());
add("non_uuid_sub_jws", false, "HS256, sub is an OAuth provider id, not a UUID",
  await hs({ sub: "github|1234567" }, AUTH_SECRET));
add("non_uuid_sub_jwe", false, "Auth.js encode(), sub is not a UUID",
  await authjs(sessionClaims("clz9x1k0a0000abcd1234efgh"), AUTH_SECRET, AUTHJS_SALT));
add("tampered_jws", false, "valid HS256 token whose payload sub was changed after signing",
  tamper(await hs({ sub: USER_ID }, AUTH_SECRET)));
add("jws_missing_exp", false, "HS256 without exp",
  await hs({ sub: USER_ID }, AUTH_SECRET, { exp: null }));
add("jws_hs512", false, "HS512 with AUTH_SECRET (only HS256 is accepted)",
  await hs({ sub: USER_ID }, AUTH_SECRET, { alg: "HS512" }));
add("future_iat_jws", false, "HS256 with iat at 2100-01-01 (far beyond the 15 s skew)",
  await hs({ sub: USER_ID }, AUTH_SECRET, { iat: YEAR_2100, exp: YEAR_2100 + 3600 }));

const pkg = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))).version;
const out = {
  generated_at: now,
  generated_with: { "@auth/core": pkg("@auth/core"), jose: pkg("jose"), node: process.version },
  secrets: { AUTH_SECRET, AUTH_SECRET_1, wrong_secret: WRONG_SECRET },
  user_id: USER_ID,
  tokens: t,
};
writeFileSync(new URL("./tokens.json", import.meta.url), JSON.stringify(out, null, 2) + "\n");
console.log(`wrote ${Object.keys(t).length} tokens to tokens.json`);
