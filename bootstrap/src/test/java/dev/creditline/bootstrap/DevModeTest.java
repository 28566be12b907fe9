package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code creditline dev} as a person runs it: a child JVM ({@code Main dev}, as
 * {@code java -jar creditline.jar dev}) on a fresh data directory with no secret in its
 * environment. The printed block's curl commands are run as pasted (bash + curl), the README's
 * walkthrough is run as written with the printed {@code export} lines, and a restart on the
 * same data reuses the secrets and the demo user.
 */
@DatabaseTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXPORT = Pattern.compile("(?m)^export ([A-Z_]+)=(\\S+)$");

    @TempDir
    static Path dir;
    private static Process child;
    private static String block;
    private static int port;

    @BeforeAll
    static void startDevMode() throws Exception {
        port = freePort();
        child = dev(port, "first.log");
        block = awaitBlock(child, dir.resolve("first.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (child != null) {
            child.destroy();
            child.waitFor(40, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void the_block_names_every_secret_a_token_and_three_curls_on_loopback() {
        Map<String, String> exports = exports(block);
        assertThat(exports).containsKeys("CREDITLINE_URL", "CREDITLINE_TOKEN");
        assertThat(exports).containsKeys(DevMode.SECRETS.toArray(String[]::new));
        assertThat(exports.get("CREDITLINE_URL")).isEqualTo("http://127.0.0.1:" + port);
        assertThat(exports.get("STRIPE_WEBHOOK_SECRET")).startsWith("whsec_");
        DevMode.SECRETS.forEach(s -> assertThat(exports.get(s).getBytes(StandardCharsets.UTF_8).length)
                .as(s).isGreaterThanOrEqualTo(32));
        assertThat(curls(block)).hasSize(3);
    }

    @Test
    @Order(2)
    void each_printed_curl_works_as_pasted() throws Exception {
        // With bash and curl: the lines themselves. Without (a machine with only a JDK): their
        // equivalents, parsed from the same lines.
        boolean shell = onPath("bash") && onPath("curl");
        List<String> curls = curls(block);
        JsonNode me = JSON.readTree(shell ? bash(curls.get(0), Map.of()) : equivalent(curls.get(0)));
        assertThat(me.get("email").asText()).isEqualTo(DevMode.DEMO_EMAIL);
        assertThat(JSON.readTree(equivalent(curls.get(0)))).as("the parsed equivalent").isEqualTo(me);
        JsonNode balance = JSON.readTree(shell ? bash(curls.get(1), Map.of()) : equivalent(curls.get(1)));
        assertThat(balance.get("balance").asLong()).isPositive();
        JsonNode call = JSON.readTree(shell ? bash(curls.get(2), Map.of()) : equivalent(curls.get(2)));
        assertThat(call.get("credits").asLong()).isEqualTo(9);
        assertThat(call.get("balance").asLong()).isEqualTo(balance.get("balance").asLong() - 9);
    }

    @Test
    @Order(3)
    void the_readme_walkthrough_runs_as_written_with_the_printed_exports() throws Exception {
        assumeTrue(onPath("bash") && onPath("curl") && onPath("node"), "bash, curl and node run the walkthrough");
        String readme = Files.readString(readme());
        String walkthrough = section(readme, "## Walkthrough");
        List<String> blocks = shBlocks(walkthrough);
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
        StringBuilder script = new StringBuilder("set -eu\n");
        exports(block).forEach((k, v) -> script.append("export ").append(k).append('=').append(v).append('\n'));
        blocks.forEach(b -> script.append(b).append("\necho\n"));
        String out = bash(script.toString(), Map.of());
        // Every literal "key":value the README promises after "# →" shows up in what the commands printed.
        Matcher promised = Pattern.compile("\"(\\w+)\":(\"[^\"<.]*\"|-?\\d+|null|true|false)").matcher(
                String.join("\n", walkthrough.lines().filter(l -> l.startsWith("# →")).toList()));
        int checked = 0;
        while (promised.find()) {
            assertThat(out).as("README promises " + promised.group()).contains(promised.group());
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(out).contains("\"code\":\"INSUFFICIENT_CREDITS\"").contains("\"code\":\"AUTHENTICATION_REQUIRED\"");
    }

    @Test
    @Order(4)
    void the_readme_keeps_its_two_commands() throws Exception {
        String readme = Files.readString(readme());
        assertThat(readme).contains("./mvnw -q -DskipTests package && java -jar bootstrap/target/creditline.jar dev")
                .contains("./mvnw -B verify");
        assertThat(readme.indexOf("creditline.jar dev")).isLessThan(readme.indexOf("## Production"));
    }

    @Test
    @Order(5)
    void secrets_live_in_a_private_file_and_are_never_logged_in_full() throws Exception {
        Path file = dir.resolve("data").resolve(DevMode.SECRETS_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String log = Files.readString(dir.resolve("first.log"));
        String logLines = log.replace(block, "");
        for (String s : DevMode.SECRETS) {
            String value = exports(block).get(s);
            assertThat(Files.readString(file)).contains(s + "=" + value);
            assertThat(logLines).as(s).doesNotContain(value);
        }
        // dev mode logs text lines (LOG_FORMAT unset), not JSON objects
        assertThat(logLines.lines().filter(l -> l.startsWith("{"))).isEmpty();
        assertThat(logLines).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Creditline listening on");
    }

    @Test
    @Order(6)
    void a_restart_reuses_the_secrets_and_the_demo_user() throws Exception {
        String first = block;
        child.destroy();
        assertThat(child.waitFor(40, TimeUnit.SECONDS)).isTrue();
        child = dev(port, "second.log");
        String second = awaitBlock(child, dir.resolve("second.log"));
        Map<String, String> a = exports(first);
        Map<String, String> b = exports(second);
        DevMode.SECRETS.forEach(s -> assertThat(b.get(s)).as(s).isEqualTo(a.get(s)));
        assertThat(userIdIn(curls(second).get(2))).isEqualTo(userIdIn(curls(first).get(2)));
        assertThat(Files.readString(dir.resolve("second.log"))).doesNotContain("generated ADAPTER_SECRET")
                .doesNotContain("created the demo user");
    }

    @Test
    @Order(7)
    void dev_refuses_a_public_bind_address_or_a_database_url_unless_forced() throws IOException {
        assertThatThrownBy(() -> DevMode.environment(Map.of("HOST", "0.0.0.0", "DATA_DIR", dir.toString()), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HOST").hasMessageContaining("--force");
        assertThatThrownBy(() -> DevMode.environment(Map.of("DATABASE_URL", "postgresql://u:p@db:5432/x",
                "DATA_DIR", dir.toString()), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_URL").hasMessageContaining("--force");
        Path forced = dir.resolve("forced");
        Map<String, String> env = DevMode.environment(Map.of("HOST", "0.0.0.0", "DATA_DIR", forced.toString(),
                "AUTH_SECRET", "x".repeat(40)), true);
        assertThat(env).containsEntry("HOST", "0.0.0.0").containsEntry("AUTH_SECRET", "x".repeat(40))
                .containsEntry(DevMode.MARKER, "true").containsKeys("ADAPTER_SECRET", "SERVICE_SECRET");
        // a secret from the environment wins and is not written to the file
        assertThat(exportsOf(forced.resolve(DevMode.SECRETS_FILE))).doesNotContainKey("AUTH_SECRET");
        assertThat(DevMode.environment(Map.of("DATA_DIR", forced.toString()), false)).containsEntry("HOST", "127.0.0.1");
        for (String loopback : List.of("127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]")) {
            assertThat(DevMode.isLoopback(loopback)).as(loopback).isTrue();
        }
        for (String open : List.of("0.0.0.0", "::", "10.0.0.1", "192.168.1.10", "example.invalid")) {
            assertThat(DevMode.isLoopback(open)).as(open).isFalse();
        }
    }

    @Test
    @Order(8)
    void the_dev_command_exits_2_on_a_public_host() throws Exception {
        Process p = start(freePort(), "refused.log", Map.of("HOST", "0.0.0.0"));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("refused.log"))).contains("Creditline cannot start: dev mode refuses HOST");
    }

    @Test
    @Order(9)
    void only_the_dev_command_turns_dev_mode_on() {
        assertThat(DevMode.isOn(Map.of())).isFalse();
        assertThat(Config.from(Map.of()).host()).isEqualTo("0.0.0.0");
    }

    // ---- helpers

    private static Process dev(int port, String log) throws IOException {
        return start(port, log, Map.of());
    }

    private static Process start(int port, String log, Map<String, String> extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The production logging configuration (the test classpath's logback-test.xml would win otherwise).
        String logback = Path.of(URI.create(DevModeTest.class.getClassLoader().getResource("logback.xml")
                .toString())).toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "dev").redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("STRIPE_") || k.endsWith("_SECRET")
                || k.startsWith("AUTH_SECRET") || k.equals("FRONTEND_URL") || k.equals("HOST") || k.startsWith("LOG_"));
        env.put("PORT", Integer.toString(port));
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.putAll(extra);
        pb.directory(new File(dir.toString()));
        return pb.start();
    }

    /** The printed block: from its "====" heading to the closing "====" line. */
    private static String awaitBlock(Process p, Path log) throws Exception {
        AtomicReference<String> block = new AtomicReference<>();
        boolean printed = Eventually.holdsWithin(Duration.ofSeconds(120), () -> {
            String out;
            try {
                out = Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                return false; // being written
            }
            int start = out.indexOf("==== Creditline dev mode");
            int end = start < 0 ? -1 : out.indexOf("\n====\n", start);
            if (end > 0) {
                block.set(out.substring(start, end + 6));
                return true;
            }
            assertThat(p.isAlive()).as("dev process alive; output:\n" + out).isTrue();
            return false;
        });
        if (printed) {
            return block.get();
        }
        throw new AssertionError("no dev-mode block within 120 s:\n" + Files.readString(log));
    }

    private static Map<String, String> exports(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher e = EXPORT.matcher(text);
        while (e.find()) {
            m.put(e.group(1), e.group(2));
        }
        return m;
    }

    private static Map<String, String> exportsOf(Path file) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    private static List<String> curls(String text) {
        return text.lines().filter(l -> l.startsWith("curl ")).toList();
    }

    private static String userIdIn(String curl) {
        Matcher m = Pattern.compile("\"userId\":\"([0-9a-f-]{36})\"").matcher(curl);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    @Order(10)
    void the_curl_parser_reads_the_printed_shape() {
        List<String> words = words("curl -s -X POST http://h:1/p -H 'A: b c' -d '{\"x\":1}'");
        assertThat(words).containsExactly("curl", "-s", "-X", "POST", "http://h:1/p", "-H", "A: b c", "-d", "{\"x\":1}");
    }

    /** What a printed curl line does, sent with HttpClient (single-quoted words, -X, -H, -d). */
    private static String equivalent(String curl) throws Exception {
        List<String> w = words(curl);
        String method = "GET";
        String url = null;
        String body = null;
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder();
        for (int i = 1; i < w.size(); i++) {
            switch (w.get(i)) {
                case "-s" -> { }
                case "-X" -> method = w.get(++i);
                case "-H" -> {
                    String[] h = w.get(++i).split(":\\s*", 2);
                    b.header(h[0], h[1]);
                }
                case "-d" -> {
                    body = w.get(++i);
                    method = method.equals("GET") ? "POST" : method;
                }
                default -> url = w.get(i);
            }
        }
        b.uri(URI.create(url)).method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Shell words of a line using only single quotes. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    /** Runs {@code script} with bash in a clean environment; fails on a non-zero exit. */
    private static String bash(String script, Map<String, String> env) throws Exception {
        Path file = Files.createTempFile(dir, "script", ".sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(false);
        pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("script finished").isTrue();
        String stdout = Files.readString(out);
        assertThat(p.exitValue()).as("exit of\n" + script + "\nstdout:\n" + stdout + "\nstderr:\n"
                + Files.readString(err)).isZero();
        return stdout;
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    static Path readme() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md")) || p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        assertThat(p).as("project root with README.md").isNotNull();
        return p.resolve("README.md");
    }

    /** From {@code heading} to the next level-2 heading. */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 2);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    /** The contents of the ```sh fences of {@code markdown}, in order. */
    static List<String> shBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?ms)^```sh\\n(.*?)^```").matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
