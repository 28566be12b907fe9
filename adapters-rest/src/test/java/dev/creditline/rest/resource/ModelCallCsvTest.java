package dev.creditline.rest.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.domain.analytics.ModelCallView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelCallCsvTest {

    @Test
    void durationIsPrintedAsPlainSecondsWithoutTrailingZeros() {
        for (long ms : new long[]{0, 1, 5, 10, 50, 99, 100, 120, 123, 500, 999, 1000, 1500, 2000, 60_001, 86_400_000}) {
            assertThat(ModelCallCsv.seconds(ms)).as("%d ms", ms)
                    .isEqualTo(BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString());
        }
    }

    @Test
    void rowsLongerThanOneChunkAreAllWrittenInOrderWithQuoting() throws IOException {
        UUID user = UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelCallCsv.write(out, false, sink -> IntStream.range(0, 3000).forEach(i -> sink.accept(new ModelCallView(
                UUID.randomUUID(), user, "Ann, \"A\"", "a@example.com", "app", "openai", "gpt-" + i,
                "chatCompletion", "success", i, 0, 0, 0, 0, 0, i, 1, 1500L, Instant.ofEpochSecond(i), "=1+1",
                "req-" + i))));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(3001);
        assertThat(lines[0]).startsWith("Timestamp,Request ID,");
        assertThat(lines[2999 + 1]).isEqualTo("1970-01-01T00:49:59Z,req-2999," + user
                + ",\"Ann, \"\"A\"\"\",a@example.com,gpt-2999,openai,chatCompletion,success,2999,0,2999,1,1.5,app,'=1+1");
    }
}
