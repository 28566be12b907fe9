package dev.creditline.rest.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The one set of query-parameter rules, and the two range policies of whole numbers. */
class QueryParamsTest {

    private static void refused(Runnable read, String field) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void absent_and_empty_are_the_default() {
        assertThat(QueryParams.pageNumber("page", null, 1)).isEqualTo(1);
        assertThat(QueryParams.pageNumber("page", "", 7)).isEqualTo(7);
        assertThat(QueryParams.clampedInt("limit", null)).isZero();
        assertThat(QueryParams.flag("allUsers", "")).isFalse();
        assertThat(QueryParams.unixSeconds("start", "")).isEmpty();
        assertThat(QueryParams.text("  ")).isEmpty();
        assertThat(QueryParams.uuid("userId", "")).isEmpty();
    }

    @Test
    void a_page_number_refuses_more_than_nine_digits_a_limit_clamps() {
        assertThat(QueryParams.pageNumber("page", "-999999999", 1)).isEqualTo(-999_999_999);
        refused(() -> QueryParams.pageNumber("page", "1000000000", 1), "page");
        assertThat(QueryParams.clampedInt("limit", "999999999999999999")).isEqualTo(Integer.MAX_VALUE);
        assertThat(QueryParams.clampedInt("offset", "-99999999999")).isEqualTo(Integer.MIN_VALUE);
        for (String bad : new String[]{"1.5", "1e3", "+1", " 1", "x", "9999999999999999999"}) {
            refused(() -> QueryParams.pageNumber("pageSize", bad, 1), "pageSize");
            refused(() -> QueryParams.clampedInt("limit", bad), "limit");
        }
    }

    @Test
    void flags() {
        assertThat(QueryParams.flag("allUsers", "1")).isTrue();
        assertThat(QueryParams.flag("allUsers", "true")).isTrue();
        assertThat(QueryParams.flag("allUsers", "0")).isFalse();
        refused(() -> QueryParams.flag("allUsers", "yes"), "allUsers");
        assertThat(QueryParams.trueOrFalse("problem", "true")).isTrue();
        assertThat(QueryParams.trueOrFalse("problem", "false")).isFalse();
        refused(() -> QueryParams.trueOrFalse("problem", "1"), "problem");
    }

    @Test
    void unix_seconds_up_to_the_year_9999() {
        assertThat(QueryParams.unixSeconds("start", "0")).contains(Instant.EPOCH);
        assertThat(QueryParams.inclusiveEnd("end", "59")).contains(Instant.ofEpochSecond(60));
        assertThat(QueryParams.unixSeconds("start", "253402300799")).contains(Instant.parse("9999-12-31T23:59:59Z"));
        refused(() -> QueryParams.unixSeconds("start", "253402300800"), "start");
        refused(() -> QueryParams.unixSeconds("start", "-1"), "start");
        refused(() -> QueryParams.requiredUnixSeconds("endTime", null), "endTime");
    }

    @Test
    void uuids_and_zones() {
        refused(() -> QueryParams.uuid("userId", "42"), "userId");
        assertThat(QueryParams.zone(null, null)).isEqualTo(ZoneId.of("UTC").normalized());
        refused(() -> QueryParams.zone(null, "1.5"), "timezoneOffset");
    }
}
