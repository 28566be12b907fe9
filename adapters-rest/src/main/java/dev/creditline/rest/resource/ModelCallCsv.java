package dev.creditline.rest.resource;

import dev.creditline.domain.analytics.ModelCallView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV of model calls (analytics.md "Model calls" export; lesson 26): RFC 4180 quoting through
 * commons-csv (CRLF, quotes doubled, cells with commas, quotes or line breaks quoted), UTF-8
 * without BOM, a header row (English, or Chinese for {@code locale=zh}), timestamps ISO-8601 UTC,
 * numbers always printed ({@code 0} is {@code 0}), and text cells starting with {@code = + - @},
 * tab or CR prefixed with {@code '} against spreadsheet formula injection.
 */
public final class ModelCallCsv {

    /** English header row. */
    public static final List<String> HEADERS = List.of("Timestamp", "Request ID", "User ID", "User Name",
            "User Email", "Model", "Provider", "Type", "Status", "Input Tokens", "Output Tokens", "Total Usage",
            "Credits", "Duration(s)", "App ID", "Error");
    /** Chinese header row ({@code locale=zh}). */
    public static final List<String> HEADERS_ZH = List.of("时间", "请求ID", "用户ID", "用户名", "用户邮箱", "模型",
            "服务商", "类型", "状态", "输入Token", "输出Token", "总用量", "积分", "耗时(秒)", "应用ID", "错误");

    /** Characters collected before they are written to the response stream. */
    private static final int CHUNK = 1 << 16;

    private ModelCallCsv() {
    }

    /**
     * Writes the header and every call {@code producer} hands to its sink, flushing as it goes.
     *
     * @param producer runs the export, calling the sink once per call in order
     * @throws IOException when the client goes away
     */
    public static void write(OutputStream out, boolean zh, Consumer<Consumer<ModelCallView>> producer)
            throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        // commons-csv appends cell by cell, often char by char; into a StringBuilder that is cheap
        // (a Writer locks on every call). The chunk goes to the stream whenever it is full.
        StringBuilder chunk = new StringBuilder(CHUNK + 4096);
        CSVPrinter printer = new CSVPrinter(chunk, CSVFormat.RFC4180);
        printer.printRecord(zh ? HEADERS_ZH : HEADERS);
        try {
            producer.accept(c -> {
                try {
                    printer.printRecord(
                            c.callTime().toString(),
                            text(c.requestId()),
                            c.userId().toString(),
                            text(c.userName()),
                            text(c.userEmail()),
                            text(c.model()),
                            text(c.providerId()),
                            text(c.type()),
                            text(c.status()),
                            c.inputTokens(),
                            c.outputTokens(),
                            c.totalUsage(),
                            c.credits(),
                            c.durationMs() == null ? "" : seconds(c.durationMs()),
                            text(c.appId()),
                            text(c.errorReason()));
                    if (chunk.length() >= CHUNK) {
                        w.append(chunk);
                        chunk.setLength(0);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.append(chunk);
        w.flush();
    }

    /**
     * Milliseconds as seconds in plain decimal notation without trailing zeros, e.g. 1500 →
     * {@code 1.5}, 2000 → {@code 2}, 5 → {@code 0.005}.
     */
    static String seconds(long millis) {
        long whole = millis / 1000;
        int frac = (int) (millis % 1000);
        if (frac == 0) {
            return Long.toString(whole);
        }
        StringBuilder b = new StringBuilder(24).append(whole).append('.');
        b.append((char) ('0' + frac / 100));
        if (frac % 100 != 0) {
            b.append((char) ('0' + frac / 10 % 10));
            if (frac % 10 != 0) {
                b.append((char) ('0' + frac % 10));
            }
        }
        return b.toString();
    }

    /**
     * A text cell, neutralised: null → empty; a value starting with {@code =}, {@code +}, {@code -},
     * {@code @}, tab or CR gets a leading {@code '}.
     */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }
}
