package dev.creditline.domain.pricing;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static dev.creditline.domain.pricing.CallStatus.FAILED;
import static dev.creditline.domain.pricing.CallStatus.PROCESSING;
import static dev.creditline.domain.pricing.CallStatus.SUCCESS;
import static dev.creditline.domain.pricing.CallType.AUDIO_GENERATION;
import static dev.creditline.domain.pricing.CallType.CHAT_COMPLETION;
import static dev.creditline.domain.pricing.CallType.CUSTOM;
import static dev.creditline.domain.pricing.CallType.EMBEDDING;
import static dev.creditline.domain.pricing.CallType.IMAGE_GENERATION;
import static dev.creditline.domain.pricing.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** domain.md "Pricing". */
class PricingTableTest {

    private static PricingTable tableWith(ModelRate rate) {
        return PricingTable.of(Map.of("m", rate), ModelRate.of(3, 15));
    }

    private static long chat(ModelRate rate, long in, long out) {
        return tableWith(rate).cost("m", CHAT_COMPLETION, SUCCESS, Usage.tokens(in, out));
    }

    @Test
    void spec_example_1200_in_350_out_at_2_and_6_costs_4() {
        assertThat(chat(ModelRate.of(2, 6), 1200, 350)).isEqualTo(4);
    }

    @Test
    void spec_example_500_in_0_out_at_1_and_3_costs_the_minimum_of_1() {
        assertThat(chat(ModelRate.of(1, 3), 500, 0)).isEqualTo(1);
    }

    @Test
    void chat_cost_rounds_half_to_even() {
        assertThat(chat(ModelRate.of(1, 1), 2500, 0)).as("2.5 -> 2").isEqualTo(2);
        assertThat(chat(ModelRate.of(1, 1), 3500, 0)).as("3.5 -> 4").isEqualTo(4);
        assertThat(chat(ModelRate.of(1, 1), 4500, 0)).as("4.5 -> 4").isEqualTo(4);
        assertThat(chat(ModelRate.of(1, 1), 2501, 0)).as("2.501 -> 3").isEqualTo(3);
        assertThat(chat(ModelRate.of(1, 1), 2499, 0)).as("2.499 -> 2").isEqualTo(2);
    }

    @Test
    void chat_cost_rounds_each_term_separately_before_adding() {
        // r(1.5) + r(1.5) = 2 + 2 = 4, whereas r(1.5 + 1.5) would be 3
        assertThat(chat(ModelRate.of(1, 1), 1500, 1500)).isEqualTo(4);
        // r(0.6) + r(0.6) = 1 + 1 = 2, whereas r(1.2) would be 1
        assertThat(chat(ModelRate.of(1, 1), 600, 600)).isEqualTo(2);
    }

    @Test
    void successful_token_call_costs_at_least_one_credit() {
        assertThat(chat(ModelRate.of(3, 15), 0, 0)).isEqualTo(1);
        assertThat(chat(ModelRate.of(3, 15), 1, 1)).isEqualTo(1);
    }

    @Test
    void fractional_rates_are_exact() {
        ModelRate rate = ModelRate.of(new BigDecimal("0.25"), new BigDecimal("1.25"));
        // 10,000 * 0.25 / 1000 = 2.5 -> 2 ; 2,000 * 1.25 / 1000 = 2.5 -> 2
        assertThat(chat(rate, 10_000, 2_000)).isEqualTo(4);
    }

    @Test
    void cache_tokens_are_charged_at_cache_rates() {
        ModelRate rate = new ModelRate(BigDecimal.valueOf(2), BigDecimal.valueOf(6),
                BigDecimal.valueOf(4), new BigDecimal("0.2"));
        Usage usage = new Usage(1000, 0, 1000, 1000, 0, 0);
        // r(2) + r(0) + r(4) + r(0.2) = 6
        assertThat(tableWith(rate).cost("m", CHAT_COMPLETION, SUCCESS, usage)).isEqualTo(6);
    }

    @Test
    void cache_rates_default_to_the_input_rate() {
        ModelRate rate = ModelRate.of(2, 6);
        assertThat(rate.cacheWrite()).isEqualByComparingTo("2");
        assertThat(rate.cacheRead()).isEqualByComparingTo("2");
        Usage usage = new Usage(0, 0, 1000, 2000, 0, 0);
        assertThat(tableWith(rate).cost("m", CHAT_COMPLETION, SUCCESS, usage)).isEqualTo(2 + 4);
    }

    @Test
    void embedding_and_custom_calls_use_the_chat_formula() {
        PricingTable table = tableWith(ModelRate.of(2, 6));
        Usage usage = Usage.tokens(1200, 350);
        assertThat(table.cost("m", EMBEDDING, SUCCESS, usage)).isEqualTo(4);
        assertThat(table.cost("m", CUSTOM, SUCCESS, usage)).isEqualTo(4);
    }

    @Test
    void image_cost_is_prompt_tokens_plus_images_times_output_rate() {
        // default (3, 15): 100 * 3 / 1000 + 2 * 15 = 30.3 -> 30
        assertThat(PricingTable.defaults().cost("any-image-model", IMAGE_GENERATION, SUCCESS, Usage.images(100, 2)))
                .isEqualTo(30);
    }

    @Test
    void image_cost_rounds_the_sum_once_half_to_even() {
        PricingTable table = tableWith(ModelRate.of(1, 1));
        // 1500 * 1 / 1000 + 1 * 1 = 2.5 -> 2 (rounding the prompt term alone would give 2 + 1 = 3)
        assertThat(table.cost("m", IMAGE_GENERATION, SUCCESS, Usage.images(1500, 1))).isEqualTo(2);
        // 500 / 1000 + 3 = 3.5 -> 4
        assertThat(table.cost("m", IMAGE_GENERATION, SUCCESS, Usage.images(500, 3))).isEqualTo(4);
    }

    @Test
    void media_cost_is_prompt_tokens_plus_seconds_times_output_rate() {
        PricingTable table = tableWith(ModelRate.of(2, 5));
        // 1000 * 2 / 1000 + 10 * 5 = 52
        assertThat(table.cost("m", AUDIO_GENERATION, SUCCESS, Usage.media(1000, 10))).isEqualTo(52);
        assertThat(table.cost("m", VIDEO, SUCCESS, Usage.media(1000, 10))).isEqualTo(52);
    }

    @Test
    void media_and_image_costs_ignore_output_tokens() {
        PricingTable table = tableWith(ModelRate.of(2, 5));
        Usage usage = new Usage(1000, 999_999, 0, 0, 1, 10);
        assertThat(table.cost("m", VIDEO, SUCCESS, usage)).isEqualTo(2 + 50);
        assertThat(table.cost("m", IMAGE_GENERATION, SUCCESS, usage)).isEqualTo(2 + 5);
    }

    @Test
    void successful_image_or_media_call_costs_at_least_one_credit() {
        PricingTable table = tableWith(ModelRate.of(1, 1));
        assertThat(table.cost("m", IMAGE_GENERATION, SUCCESS, Usage.images(100, 0))).isEqualTo(1);
        assertThat(table.cost("m", VIDEO, SUCCESS, Usage.NONE)).isEqualTo(1);
    }

    @Test
    void failed_call_costs_nothing() {
        Usage big = Usage.tokens(1_000_000, 1_000_000);
        for (CallType type : CallType.values()) {
            assertThat(PricingTable.defaults().cost("openai/gpt-5.2", type, FAILED, big)).as(type.wire()).isZero();
        }
    }

    @Test
    void processing_call_costs_nothing_until_it_succeeds() {
        assertThat(PricingTable.defaults().cost("openai/gpt-5.2", CHAT_COMPLETION, PROCESSING, Usage.tokens(5000, 5000)))
                .isZero();
    }

    @Test
    void unknown_model_uses_the_default_rate() {
        PricingTable table = PricingTable.of(Map.of("cheap", ModelRate.of(1, 1)), ModelRate.of(7, 9));
        assertThat(table.rateFor("nope")).isEqualTo(ModelRate.of(7, 9));
        assertThat(table.rateFor(null)).isEqualTo(ModelRate.of(7, 9));
        assertThat(table.cost("nope", CHAT_COMPLETION, SUCCESS, Usage.tokens(1000, 1000))).isEqualTo(16);
    }

    @Test
    void model_lookup_is_exact_and_case_sensitive() {
        PricingTable table = PricingTable.defaults();
        assertThat(table.rateFor("anthropic/claude-opus-4.5")).isEqualTo(ModelRate.of(15, 75));
        assertThat(table.rateFor("Anthropic/Claude-Opus-4.5")).isEqualTo(table.defaultRate());
    }

    @Test
    void default_table_matches_domain_md() {
        PricingTable t = PricingTable.defaults();
        assertThat(t.rates()).hasSize(8);
        for (String m : new String[] {"anthropic/claude-sonnet-4.5", "openai/gpt-5.2",
                "google/gemini-3-pro-preview", "mistralai/mistral-large-2512"}) {
            assertThat(t.rateFor(m)).as(m).isEqualTo(ModelRate.of(3, 15));
        }
        assertThat(t.rateFor("anthropic/claude-opus-4.5")).isEqualTo(ModelRate.of(15, 75));
        assertThat(t.rateFor("openai/gpt-5.2-pro")).isEqualTo(ModelRate.of(15, 75));
        assertThat(t.rateFor("deepseek/deepseek-v3.2")).isEqualTo(ModelRate.of(1, 5));
        assertThat(t.rateFor("qwen/qwen3-coder-next")).isEqualTo(ModelRate.of(1, 5));
        assertThat(t.defaultRate()).isEqualTo(ModelRate.of(3, 15));
    }

    @Test
    void largest_valid_usage_at_largest_rate_costs_exactly_without_overflow() {
        long max = Usage.MAX;
        ModelRate rate = ModelRate.of(ModelRate.MAX_RATE, ModelRate.MAX_RATE);
        Usage usage = new Usage(max, max, max, max, max, max);
        PricingTable table = tableWith(rate);
        assertThat(table.cost("m", CHAT_COMPLETION, SUCCESS, usage)).isEqualTo(4_000_000_000_000_000L);
        assertThat(table.cost("m", IMAGE_GENERATION, SUCCESS, usage)).isEqualTo(1_001_000_000_000_000_000L);
    }

    @Test
    void rates_must_be_present_and_non_negative() {
        assertThatThrownBy(() -> ModelRate.of(-1, 5))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("rate.input"));
        assertThatThrownBy(() -> ModelRate.of(BigDecimal.ONE, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("rate.output"));
        assertThatThrownBy(() -> new ModelRate(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("-0.1"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("rate.cacheWrite"));
        assertThatThrownBy(() -> ModelRate.of(1, ModelRate.MAX_RATE + 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("rate.output"));
        assertThat(ModelRate.of(0, 0).input()).isEqualByComparingTo("0");
    }

    @Test
    void pricing_table_rejects_blank_model_names_and_missing_default() {
        assertThatThrownBy(() -> PricingTable.of(Map.of(" ", ModelRate.of(1, 1)), ModelRate.of(1, 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("pricing.model"));
        assertThatThrownBy(() -> PricingTable.of(Map.of(), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("pricing.default"));
    }

    @Test
    void cost_requires_type_status_and_usage() {
        PricingTable t = PricingTable.defaults();
        assertThatThrownBy(() -> t.cost("m", null, SUCCESS, Usage.NONE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> t.cost("m", CHAT_COMPLETION, null, Usage.NONE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("status"));
        assertThatThrownBy(() -> t.cost("m", CHAT_COMPLETION, SUCCESS, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("usage"));
    }

    @Test
    void total_usage_is_tokens_for_chat_images_for_images_and_seconds_for_media() {
        Usage usage = new Usage(100, 20, 7, 9, 3, 45);
        assertThat(PricingTable.totalUsage(CHAT_COMPLETION, usage)).isEqualTo(120);
        assertThat(PricingTable.totalUsage(EMBEDDING, usage)).isEqualTo(120);
        assertThat(PricingTable.totalUsage(CUSTOM, usage)).isEqualTo(120);
        assertThat(PricingTable.totalUsage(IMAGE_GENERATION, usage)).isEqualTo(3);
        assertThat(PricingTable.totalUsage(AUDIO_GENERATION, usage)).isEqualTo(45);
        assertThat(PricingTable.totalUsage(VIDEO, usage)).isEqualTo(45);
    }
}
