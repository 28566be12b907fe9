package dev.creditline.bootstrap.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.bootstrap.ConfigException;
import dev.creditline.bootstrap.PricingFile;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.domain.pricing.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PRICING_FILE} (domain.md "Pricing": the table is configuration with a built-in default). */
class MeteringPricingFileTest {

    @Test
    void without_a_file_the_built_in_table_applies() {
        assertThat(PricingFile.load(Map.of())).isEqualTo(PricingTable.defaults());
    }

    @Test
    void a_file_replaces_the_table(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pricing.json");
        Files.writeString(file, "{\"default\":{\"input\":2,\"output\":6},\"models\":{\"acme/fast\":"
                + "{\"input\":1,\"output\":3,\"cacheRead\":0.1}}}");
        PricingTable t = PricingFile.load(Map.of("PRICING_FILE", file.toString()));
        assertThat(t.rateFor("acme/fast").cacheRead()).isEqualByComparingTo(new BigDecimal("0.1"));
        assertThat(t.rateFor("acme/fast").cacheWrite()).isEqualByComparingTo(BigDecimal.ONE);
        // domain.md example: (1200, 350) at (2, 6) → 2 + 2 = 4, here through the default rate
        assertThat(t.cost("openai/gpt-5.2", CallType.CHAT_COMPLETION, CallStatus.SUCCESS, Usage.tokens(1200, 350)))
                .isEqualTo(4);
    }

    @Test
    void a_bad_file_refuses_start_up_naming_the_problem(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PricingFile.load(Map.of("PRICING_FILE", dir.resolve("missing.json").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PRICING_FILE");
        assertThatThrownBy(() -> PricingFile.parse("{", "f")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PricingFile.parse("{\"models\":{\"m\":{\"input\":1}}}", "f"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("models.m.output");
        assertThatThrownBy(() -> PricingFile.parse("{\"models\":{\"m\":{\"input\":-1,\"output\":1}}}", "f"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rate.input");
        assertThatThrownBy(() -> PricingFile.parse("{\"models\":{\"m\":{\"input\":\"1\",\"output\":1}}}", "f"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be a number");
    }
}
