package dev.creditline.rest.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.domain.DomainException;
import dev.creditline.domain.ValidationException;
import dev.creditline.rest.json.ObjectMappers;
import dev.creditline.rest.problem.ConstraintViolationMapper;
import dev.creditline.rest.problem.DomainExceptionMapper;
import dev.creditline.rest.problem.JsonExceptionMapper;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.RequestBodies;
import dev.creditline.rest.json.Uuids;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JSON body bound to a request record: strict scalars, unknown members ignored, and every refusal the
 * same 400 problem naming the field as the hand-written parsing gave ({@code VALIDATION_FAILED} +
 * {@code field}; a key given twice is {@code MALFORMED_JSON} naming it).
 */
class RequestBindingTest {

    private static final String USER = UUID.randomUUID().toString();

    /** The problem the API answers for this body of {@code POST /api/internal/model-calls}. */
    private static Map<?, ?> problem(String body) {
        Response r;
        try {
            JsonNode node = ObjectMappers.requests().readTree(body);
            ModelCallRequest.of(node).command();
            throw new AssertionError("accepted: " + body);
        } catch (ConstraintViolationException e) {
            r = new ConstraintViolationMapper().toResponse(e);
        } catch (DomainException e) {
            r = new DomainExceptionMapper().toResponse(e);
        } catch (JsonProcessingException e) {
            r = new JsonExceptionMapper().toResponse(e);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(r.getStatus()).isEqualTo(400);
        return (Map<?, ?>) r.getEntity();
    }

    private static String call(String members) {
        return "{\"userId\":\"" + USER + "\",\"model\":\"gpt-4o\",\"usage\":{\"inputTokens\":10}" + members + "}";
    }

    @Test
    void a_valid_body_becomes_the_command_and_unknown_members_are_ignored() throws Exception {
        var command = ModelCallRequest.of(ObjectMappers.requests().readTree(
                call(",\"durationMs\":1500,\"callTime\":1767225600,\"whatever\":{\"x\":[1]}"))).command();
        assertThat(command.userId()).isEqualTo(UUID.fromString(USER));
        assertThat(command.usage().inputTokens()).isEqualTo(10);
        assertThat(command.usage().outputTokens()).isZero();
        assertThat(command.durationMs()).isEqualTo(1500);
        assertThat(command.callTime()).hasToString("2026-01-01T00:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "string for a number         | ,\"durationMs\":\"5\"                 | durationMs            | VALIDATION_FAILED",
            "float for a whole number    | ,\"durationMs\":1.5                   | durationMs            | VALIDATION_FAILED",
            "number for a string         | ,\"appId\":5                          | appId                 | VALIDATION_FAILED",
            "boolean for a string        | ,\"requestId\":true                   | requestId             | VALIDATION_FAILED",
            "NUL in a string             | ,\"sessionId\":\"a\\u0000b\"          | sessionId             | VALIDATION_FAILED",
            "bad holdId                  | ,\"holdId\":\"h1\"                    | holdId                | VALIDATION_FAILED",
            "callTime of a wrong kind    | ,\"callTime\":true                    | callTime              | VALIDATION_FAILED",
            "duplicate key               | ,\"model\":\"again\"                  | model                 | MALFORMED_JSON"})
    void a_bad_member_is_400_naming_it(String name, String members, String field, String code) {
        Map<?, ?> p = problem(call(members.trim()));
        assertThat(p.get("field")).isEqualTo(field.trim());
        assertThat(p.get("code")).isEqualTo(code.trim());
    }

    @Test
    void a_count_of_the_wrong_type_is_named_by_its_path() {
        Map<?, ?> p = problem("{\"userId\":\"" + USER + "\",\"model\":\"m\",\"usage\":{\"outputTokens\":2.5}}");
        assertThat(p.get("field")).isEqualTo("usage.outputTokens");
        p = problem("{\"userId\":\"" + USER + "\",\"model\":\"m\",\"usage\":{\"outputTokens\":-1}}");
        assertThat(p.get("field")).isEqualTo("usage.outputTokens");
    }

    @Test
    void missing_members_are_named_in_the_records_order_a_missing_value_before_a_malformed_one() {
        assertThat(problem("{}").get("field")).isEqualTo("userId");
        assertThat(problem("{}").get("detail")).isEqualTo("userId is required");
        assertThat(problem("{\"userId\":\"\",\"model\":\"m\",\"usage\":{}}").get("detail"))
                .isEqualTo("userId is required");
        assertThat(problem("{\"userId\":\"nope\",\"holdId\":\"x\"}").get("field")).isEqualTo("userId");
        assertThat(problem("{\"userId\":\"" + USER + "\",\"holdId\":\"x\"}").get("field")).isEqualTo("model");
        assertThat(problem("{\"userId\":\"" + USER + "\",\"model\":\"m\"}").get("field")).isEqualTo("usage");
    }

    @Test
    void a_body_that_is_not_an_object_names_body() {
        assertThatThrownBy(() -> ModelCallRequest.of(ObjectMappers.requests().readTree("[1,2]")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("body"));
        assertThatThrownBy(() -> ModelCallRequest.of(ObjectMappers.requests().readTree("null")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("body"));
    }

    @Test
    void the_domain_still_checks_ranges_and_wire_values() {
        assertThat(problem(call(",\"type\":\"telepathy\"")).get("field")).isEqualTo("type");
        assertThat(problem(call(",\"callTime\":\"1999-12-31T23:59:59Z\"")).get("field")).isEqualTo("callTime");
    }

    /**
     * The constraints the model call body had as Bean Validation annotations before they were checked by
     * hand ({@link ModelCallRequest#command()}); kept here so that the hand-written checks are held to them.
     */
    record AnnotatedModelCall(
            @NotEmpty(message = "is required") @Pattern(regexp = Uuids.REGEX, message = "must be a UUID") String userId,
            @NotEmpty(message = "is required") String model,
            String type,
            String status,
            @NotNull(message = "is required") @Valid ModelCallRequest.UsageCounts usage,
            @Pattern(regexp = Uuids.REGEX, message = "must be a UUID") String holdId) implements JsonRequest {
    }

    @Test
    void the_hand_written_presence_and_form_checks_answer_as_bean_validation_did_for_every_combination() {
        // Each of the checked members absent, JSON null, empty, malformed or valid: 5^3 * 3 * 5 bodies.
        String[] uuidish = {null, "null", "\"\"", "\"not-a-uuid\"", "\"" + USER + "\""};
        String[] model = {null, "null", "\"\"", "\" \"", "\"gpt-4o\""};
        String[] usage = {null, "null", "{\"inputTokens\":1}"};
        int compared = 0;
        for (String u : uuidish) {
            for (String m : model) {
                for (String g : usage) {
                    for (String h : uuidish) {
                        List<String> members = new ArrayList<>();
                        add(members, "userId", u);
                        add(members, "model", m);
                        add(members, "usage", g);
                        add(members, "holdId", h);
                        String body = "{" + String.join(",", members) + "}";
                        String expected = beanValidationAnswer(body);
                        String actual;
                        try {
                            ModelCallRequest.of(ObjectMappers.requests().readTree(body)).command();
                            actual = "accepted";
                        } catch (ValidationException e) {
                            actual = e.field() + ": " + e.getMessage().substring(e.field().length() + 1);
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                        if (expected.equals("accepted") && "\" \"".equals(m)) {
                            // A blank model passes @NotEmpty; the domain (RecordModelCallCommand) refuses it.
                            assertThat(actual).as(body).isEqualTo("model: is required");
                        } else {
                            assertThat(actual).as(body).isEqualTo(expected);
                        }
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(5 * 5 * 3 * 5);
    }

    private static void add(List<String> members, String name, String json) {
        if (json != null) {
            members.add("\"" + name + "\":" + json);
        }
    }

    /** What the annotated record answered: the mapper's one field and message, or "accepted". */
    private static String beanValidationAnswer(String body) {
        try {
            RequestBodies.bind(ObjectMappers.requests().readTree(body), AnnotatedModelCall.class);
            return "accepted";
        } catch (ConstraintViolationException e) {
            Map<?, ?> p = (Map<?, ?>) new ConstraintViolationMapper().toResponse(e).getEntity();
            String field = (String) p.get("field");
            String detail = (String) p.get("detail");
            return field + ": " + detail.substring(field.length() + 1);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
