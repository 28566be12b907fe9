package dev.creditline.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenVerifierTest {

    private static JsonNode fixtures;
    private static String authSecret;
    private static String authSecret1;
    private static String wrongSecret;
    private static UUID userId;
    /** An hour after the fixtures were generated: valid fixtures are valid, expired ones expired. */
    private static Clock fixtureClock;

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "in-test-secret-for-minted-tokens-0123456789";
    private static final UUID MINTED_USER = UUID.fromString("0b9f3c1e-5d2a-4f7b-8e6c-1a2b3c4d5e6f");

    @BeforeAll
    static void loadFixtures() throws IOException {
        try (InputStream in = BearerTokenVerifierTest.class.getResourceAsStream("/tokens/tokens.json")) {
            assertThat(in).as("tokens/tokens.json on the test classpath").isNotNull();
            fixtures = new ObjectMapper().readTree(in);
        }
        authSecret = fixtures.at("/secrets/AUTH_SECRET").asText();
        authSecret1 = fixtures.at("/secrets/AUTH_SECRET_1").asText();
        wrongSecret = fixtures.at("/secrets/wrong_secret").asText();
        userId = UUID.fromString(fixtures.get("user_id").asText());
        fixtureClock = Clock.fixed(Instant.ofEpochSecond(fixtures.get("generated_at").asLong() + 3600), ZoneOffset.UTC);
    }

    private static String fixture(String name) {
        JsonNode node = fixtures.at("/tokens/" + name + "/token");
        assertThat(node.isMissingNode()).as("fixture %s exists", name).isFalse();
        return node.asText();
    }

    private static BearerTokenVerifier fixtureVerifier() {
        return new BearerTokenVerifier(Arrays.asList(authSecret, authSecret1, "", null), fixtureClock);
    }

    private static Stream<String> fixtureNames(boolean valid) {
        List<String> names = new ArrayList<>();
        fixtures.get("tokens").fields().forEachRemaining(e -> {
            if (e.getValue().get("valid").asBoolean() == valid) {
                names.add(e.getKey());
            }
        });
        return names.stream();
    }

    static Stream<String> validFixtures() {
        return fixtureNames(true);
    }

    static Stream<String> invalidFixtures() {
        return fixtureNames(false);
    }

    private static InvalidTokenException rejection(BearerTokenVerifier verifier, String token) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> verifier.verify(token));
        assertThat(thrown).isInstanceOf(InvalidTokenException.class);
        return (InvalidTokenException) thrown;
    }

    // ---------------------------------------------------------------- real fixtures: accepted

    @Test
    void fixture_file_covers_every_required_case() {
        assertThat(validFixtures()).contains("jwe_authjs_salt", "jwe_secure_salt", "jwe_rotated_secret",
                "jws_hs256", "jws_with_role_admin");
        assertThat(invalidFixtures()).contains("expired_jwe", "expired_jws", "wrong_secret_jwe",
                "wrong_secret_jws", "alg_none", "non_uuid_sub_jws", "non_uuid_sub_jwe", "tampered_jws",
                "jws_missing_exp", "jws_hs512", "future_iat_jws");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void every_valid_fixture_verifies_to_the_fixture_user(String name) {
        VerifiedToken verified = fixtureVerifier().verify(fixture(name));

        assertThat(verified.userId()).isEqualTo(userId);
        assertThat(verified.expiresAt()).isEqualTo(Instant.parse("2100-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void valid_fixtures_stay_valid_on_the_real_clock_until_2100(String name) {
        BearerTokenVerifier verifier = new BearerTokenVerifier(List.of(authSecret, authSecret1), Clock.systemUTC());

        assertThat(verifier.verify(fixture(name)).userId()).isEqualTo(userId);
    }

    @Test
    void authjs_token_with_default_cookie_salt_is_accepted() {
        assertThat(fixtureVerifier().verify(fixture("jwe_authjs_salt")).userId()).isEqualTo(userId);
    }

    @Test
    void authjs_token_with_secure_cookie_salt_is_accepted() {
        assertThat(fixtureVerifier().verify(fixture("jwe_secure_salt")).userId()).isEqualTo(userId);
    }

    @Test
    void authjs_token_with_a256gcm_and_32_byte_key_is_accepted() {
        assertThat(fixtureVerifier().verify(fixture("jwe_a256gcm")).userId()).isEqualTo(userId);
    }

    @Test
    void role_claim_is_passed_through() {
        assertThat(fixtureVerifier().verify(fixture("jws_with_role_admin")).role()).contains("admin");
    }

    @Test
    void token_without_role_claim_has_empty_role() {
        assertThat(fixtureVerifier().verify(fixture("jws_hs256")).role()).isEmpty();
        assertThat(fixtureVerifier().verify(fixture("jwe_authjs_salt")).role()).isEmpty();
    }

    // ---------------------------------------------------------------- secret rotation

    @Test
    void token_made_with_rotated_secret_is_accepted_via_auth_secret_1() {
        assertThat(fixtureVerifier().verify(fixture("jwe_rotated_secret")).userId()).isEqualTo(userId);
    }

    @Test
    void token_made_with_rotated_secret_is_rejected_once_that_secret_is_removed() {
        BearerTokenVerifier onlyPrimary = new BearerTokenVerifier(List.of(authSecret), fixtureClock);

        assertThat(rejection(onlyPrimary, fixture("jwe_rotated_secret"))).hasMessage("cannot decrypt token");
        assertThat(onlyPrimary.verify(fixture("jwe_authjs_salt")).userId()).isEqualTo(userId);
    }

    @Test
    void any_of_the_four_secret_slots_authenticates() {
        BearerTokenVerifier rotatedInLastSlot =
                new BearerTokenVerifier(List.of(wrongSecret, "  ", "other-secret-not-used-anywhere-000000", authSecret), fixtureClock);

        assertThat(rotatedInLastSlot.verify(fixture("jws_hs256")).userId()).isEqualTo(userId);
        assertThat(rotatedInLastSlot.verify(fixture("jwe_secure_salt")).userId()).isEqualTo(userId);
        assertThat(rotatedInLastSlot.verify(fixture("wrong_secret_jwe")).userId())
                .as("the 'wrong secret' fixtures are only wrong because the verifier lacks that secret")
                .isEqualTo(userId);
    }

    // ---------------------------------------------------------------- real fixtures: rejected

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void every_invalid_fixture_is_rejected_without_leaking_the_token(String name) {
        String token = fixture(name);

        InvalidTokenException e = rejection(fixtureVerifier(), token);

        assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(60);
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(e.getMessage()).doesNotContain(part);
            }
        }
    }

    @Test
    void alg_none_is_rejected() {
        assertThat(rejection(fixtureVerifier(), fixture("alg_none"))).hasMessage("unsecured token (alg none)");
    }

    @Test
    void expired_authjs_token_is_rejected() {
        assertThat(rejection(fixtureVerifier(), fixture("expired_jwe"))).hasMessage("token expired");
    }

    @Test
    void expired_jws_is_rejected() {
        assertThat(rejection(fixtureVerifier(), fixture("expired_jws"))).hasMessage("token expired");
    }

    @Test
    void authjs_token_from_an_unconfigured_secret_is_rejected() {
        assertThat(rejection(fixtureVerifier(), fixture("wrong_secret_jwe"))).hasMessage("cannot decrypt token");
    }

    @Test
    void jws_from_an_unconfigured_secret_is_rejected() {
        assertThat(rejection(fixtureVerifier(), fixture("wrong_secret_jws"))).hasMessage("bad signature");
    }

    @Test
    void non_uuid_sub_in_jws_is_rejected_not_crashed() {
        assertThat(rejection(fixtureVerifier(), fixture("non_uuid_sub_jws"))).hasMessage("sub is not a UUID");
    }

    @Test
    void non_uuid_sub_in_authjs_token_is_rejected_not_crashed() {
        assertThat(rejection(fixtureVerifier(), fixture("non_uuid_sub_jwe"))).hasMessage("sub is not a UUID");
    }

    @Test
    void jws_with_tampered_payload_is_rejected() {
        assertThat(rejection(fixtureVerifier(), fixture("tampered_jws"))).hasMessage("bad signature");
    }

    @Test
    void jws_without_exp_is_rejected() {
        assertThat(rejection(fixtureVerifier(), fixture("jws_missing_exp"))).hasMessage("missing exp claim");
    }

    @Test
    void hs512_is_rejected_only_hs256_is_accepted() {
        assertThat(rejection(fixtureVerifier(), fixture("jws_hs512"))).hasMessage("unsupported JWS algorithm");
    }

    @Test
    void iat_far_in_the_future_is_rejected() {
        assertThat(rejection(fixtureVerifier(), fixture("future_iat_jws"))).hasMessage("token issued in the future");
    }

    // ---------------------------------------------------------------- no / empty secrets (lesson 24)

    @Test
    void verifier_without_secrets_rejects_every_fixture() {
        for (List<String> none : List.of(List.<String>of(), List.of(""), List.of(" ", "\t", "", ""))) {
            BearerTokenVerifier verifier = new BearerTokenVerifier(none, fixtureClock);
            assertThat(verifier.hasSecrets()).isFalse();
            Stream.concat(validFixtures(), invalidFixtures()).forEach(name ->
                    assertThat(rejection(verifier, fixture(name))).hasMessage("no auth secret configured"));
        }
    }

    @Test
    void empty_secret_never_authenticates_a_token_made_with_an_empty_secret() throws Exception {
        byte[] emptySecretKey = Hkdf.derive(new byte[0], bytes(BearerTokenVerifier.AUTHJS_COOKIE),
                bytes("Auth.js Generated Encryption Key (authjs.session-token)"), 64);
        String token = jwe(EncryptionMethod.A256CBC_HS512, emptySecretKey, claims(NOW, NOW.plusSeconds(60)).build());

        assertThat(rejection(new BearerTokenVerifier(List.of(""), FIXED), token)).hasMessage("no auth secret configured");
        assertThat(rejection(new BearerTokenVerifier(List.of("", SECRET), FIXED), token)).hasMessage("cannot decrypt token");
    }

    // ---------------------------------------------------------------- clock skew (15 s)

    @Test
    void jws_expired_14_seconds_ago_is_accepted_within_skew() throws Exception {
        String token = hs256(claims(NOW.minusSeconds(600), NOW.minusSeconds(14)).build());

        assertThat(verifier().verify(token).userId()).isEqualTo(MINTED_USER);
    }

    @Test
    void jws_expired_16_seconds_ago_is_rejected_beyond_skew() throws Exception {
        String token = hs256(claims(NOW.minusSeconds(600), NOW.minusSeconds(16)).build());

        assertThat(rejection(verifier(), token)).hasMessage("token expired");
    }

    @Test
    void authjs_token_expired_14_seconds_ago_is_accepted_and_16_seconds_ago_rejected() throws Exception {
        byte[] key = authJsKey(SECRET, BearerTokenVerifier.AUTHJS_SECURE_COOKIE, 64);
        String ok = jwe(EncryptionMethod.A256CBC_HS512, key, claims(NOW.minusSeconds(600), NOW.minusSeconds(14)).build());
        String late = jwe(EncryptionMethod.A256CBC_HS512, key, claims(NOW.minusSeconds(600), NOW.minusSeconds(16)).build());

        assertThat(verifier().verify(ok).userId()).isEqualTo(MINTED_USER);
        assertThat(rejection(verifier(), late)).hasMessage("token expired");
    }

    @Test
    void iat_14_seconds_in_the_future_is_accepted_and_16_seconds_rejected() throws Exception {
        String ok = hs256(claims(NOW.plusSeconds(14), NOW.plusSeconds(600)).build());
        String early = hs256(claims(NOW.plusSeconds(16), NOW.plusSeconds(600)).build());

        assertThat(verifier().verify(ok).userId()).isEqualTo(MINTED_USER);
        assertThat(rejection(verifier(), early)).hasMessage("token issued in the future");
    }

    @Test
    void nbf_beyond_skew_is_rejected() throws Exception {
        String token = hs256(claims(NOW, NOW.plusSeconds(600)).notBeforeTime(Date.from(NOW.plusSeconds(16))).build());

        assertThat(rejection(verifier(), token)).hasMessage("token not yet valid");
    }

    @Test
    void expires_at_is_the_exp_claim() throws Exception {
        Instant exp = NOW.plusSeconds(3600);

        assertThat(verifier().verify(hs256(claims(NOW, exp).build())))
                .isEqualTo(new VerifiedToken(MINTED_USER, Optional.empty(), exp));
    }

    // ---------------------------------------------------------------- algorithms and headers

    @Test
    void hs384_is_rejected() throws Exception {
        String longSecret = "a-secret-long-enough-for-hs384-and-hs512-0123456789abcdefghijklmn";
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS384), claims(NOW, NOW.plusSeconds(60)).build());
        jwt.sign(new MACSigner(bytes(longSecret)));

        assertThat(rejection(new BearerTokenVerifier(List.of(longSecret), FIXED), jwt.serialize()))
                .hasMessage("unsupported JWS algorithm");
    }

    @Test
    void rs256_is_rejected() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(NOW, NOW.plusSeconds(60)).build());
        jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));

        assertThat(rejection(verifier(), jwt.serialize())).hasMessage("unsupported JWS algorithm");
    }

    @Test
    void jws_with_crit_header_is_rejected_even_when_correctly_signed() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .criticalParams(Set.of("x-policy")).customParam("x-policy", "strict").build();

        assertThat(rejection(verifier(), hs256(header, claims(NOW, NOW.plusSeconds(60)).build())))
                .hasMessage("crit header not accepted");
    }

    @Test
    void jwe_with_other_content_encryption_is_rejected() throws Exception {
        String token = jwe(EncryptionMethod.A128CBC_HS256, new byte[32], claims(NOW, NOW.plusSeconds(60)).build());

        assertThat(rejection(verifier(), token)).hasMessage("unsupported JWE encryption");
    }

    @Test
    void authjs_token_with_a256gcm_minted_in_java_is_accepted() throws Exception {
        byte[] key = authJsKey(SECRET, BearerTokenVerifier.AUTHJS_COOKIE, 32);
        String token = jwe(EncryptionMethod.A256GCM, key, claims(NOW, NOW.plusSeconds(60)).claim("role", "user").build());

        assertThat(verifier().verify(token).role()).contains("user");
    }

    // ---------------------------------------------------------------- claims

    @ParameterizedTest
    @ValueSource(strings = {"1-2-3-4-5", "0b9f3c1e5d2a4f7b8e6c1a2b3c4d5e6f", "{0b9f3c1e-5d2a-4f7b-8e6c-1a2b3c4d5e6f}",
            "0b9f3c1e-5d2a-4f7b-8e6c-1a2b3c4d5e6g", "", "user_123"})
    void sub_that_is_not_a_canonical_uuid_is_rejected(String sub) throws Exception {
        String token = hs256(claims(NOW, NOW.plusSeconds(60)).subject(sub).build());

        assertThat(rejection(verifier(), token)).hasMessage("sub is not a UUID");
    }

    @Test
    void uppercase_uuid_sub_is_accepted() throws Exception {
        String token = hs256(claims(NOW, NOW.plusSeconds(60)).subject(MINTED_USER.toString().toUpperCase()).build());

        assertThat(verifier().verify(token).userId()).isEqualTo(MINTED_USER);
    }

    @Test
    void missing_sub_is_rejected() throws Exception {
        String token = hs256(claims(NOW, NOW.plusSeconds(60)).subject(null).build());

        assertThat(rejection(verifier(), token)).hasMessage("missing sub claim");
    }

    @Test
    void missing_iat_is_rejected() throws Exception {
        String token = hs256(claims(NOW, NOW.plusSeconds(60)).issueTime(null).build());

        assertThat(rejection(verifier(), token)).hasMessage("missing iat claim");
    }

    @Test
    void claims_of_the_wrong_json_type_are_rejected() throws Exception {
        assertThat(rejection(verifier(), hs256(payloadJson(Map.of("sub", 42, "iat", NOW.getEpochSecond(), "exp", NOW.getEpochSecond() + 60)))))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(rejection(verifier(), hs256(payloadJson(Map.of("sub", MINTED_USER.toString(), "iat", NOW.getEpochSecond(), "exp", "tomorrow")))))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(rejection(verifier(), hs256(claims(NOW, NOW.plusSeconds(60)).claim("role", List.of("admin")).build())))
                .hasMessage("malformed role claim");
    }

    @Test
    void signed_payload_that_is_not_json_is_rejected() throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload("hello, not json"));
        jws.sign(new MACSigner(bytes(SECRET)));

        assertThat(rejection(verifier(), jws.serialize())).isInstanceOf(InvalidTokenException.class);
    }

    // ---------------------------------------------------------------- garbage

    static Stream<String> garbage() {
        String jws = fixture("jws_hs256");
        String jwe = fixture("jwe_authjs_salt");
        String[] p = jwe.split("\\.", -1);
        return Stream.of(
                "", "garbage", "Bearer " + jws, " " + jws, jws + "\n", "a.b.c", "a.b.c.d.e", "....", "..",
                "eyJhbGciOiJIUzI1NiJ9..", "%7B%7D.e30.x", "🙂.🙂.🙂",
                jws.substring(0, jws.length() - 1),                       // truncated signature
                jws.substring(0, jws.lastIndexOf('.')),                   // signature part missing
                jwe.substring(0, jwe.length() - 5),                       // truncated tag
                jwe.substring(0, jwe.lastIndexOf('.')),                   // 4 parts
                String.join(".", p[0], p[1], p[2], flip(p[3]), p[4]),     // 5 parts, corrupt ciphertext
                String.join(".", p[0], p[1], flip(p[2]), p[3], p[4]),     // 5 parts, corrupt IV
                String.join(".", p[0], "AAAA", p[2], p[3], p[4]),        // dir with an encrypted key
                String.join(".", flip(p[0]), p[1], p[2], p[3], p[4]),     // corrupt header
                jwe + "." + jwe,                                          // 10 parts
                "a".repeat(BearerTokenVerifier.MAX_TOKEN_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbage_truncated_and_corrupt_tokens_are_rejected(String token) {
        assertThat(rejection(fixtureVerifier(), token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void null_token_is_rejected() {
        assertThat(rejection(fixtureVerifier(), null)).hasMessage("empty token");
    }

    @Test
    void correctly_signed_token_over_16_kib_is_rejected_before_parsing() throws Exception {
        String big = hs256(claims(NOW, NOW.plusSeconds(60)).claim("pad", "x".repeat(BearerTokenVerifier.MAX_TOKEN_LENGTH)).build());

        assertThat(big.length()).isGreaterThan(BearerTokenVerifier.MAX_TOKEN_LENGTH);
        assertThat(rejection(verifier(), big)).hasMessage("token too large");
    }

    // ---------------------------------------------------------------- helpers

    private static BearerTokenVerifier verifier() {
        return new BearerTokenVerifier(List.of(SECRET), FIXED);
    }

    private static JWTClaimsSet.Builder claims(Instant iat, Instant exp) {
        return new JWTClaimsSet.Builder().subject(MINTED_USER.toString())
                .issueTime(Date.from(iat)).expirationTime(Date.from(exp));
    }

    private static String hs256(JWTClaimsSet claims) throws Exception {
        return hs256(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    }

    private static String hs256(JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(bytes(SECRET)));
        return jwt.serialize();
    }

    private static String hs256(Payload payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), payload);
        jws.sign(new MACSigner(bytes(SECRET)));
        return jws.serialize();
    }

    private static Payload payloadJson(Map<String, Object> json) {
        return new Payload(json);
    }

    private static byte[] authJsKey(String secret, String salt, int length) {
        return Hkdf.derive(bytes(secret), bytes(salt), bytes("Auth.js Generated Encryption Key (" + salt + ")"), length);
    }

    private static String jwe(EncryptionMethod enc, byte[] key, JWTClaimsSet claims) throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, enc), new Payload(claims.toJSONObject()));
        jwe.encrypt(new DirectEncrypter(key));
        return jwe.serialize();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String flip(String base64url) {
        UnaryOperator<Character> other = c -> c == 'A' ? 'B' : 'A';
        int i = base64url.length() / 2;
        return base64url.substring(0, i) + other.apply(base64url.charAt(i)) + base64url.substring(i + 1);
    }
}
