package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The statements kept as classpath {@code .sql} files and the {@code Sql.load("…")} calls that read
 * them agree both ways: every loaded name is a file, and every file is loaded, so a statement that
 * moved can never be orphaned (nor a caller fail only when its class is first used).
 */
class SqlResourcesTest {

    private static final Path JAVA = Path.of("src/main/java");
    private static final Path SQL_ROOT = Path.of("src/main/resources/dev/creditline/persistence");
    private static final Pattern LOAD = Pattern.compile("Sql\\.load\\(\\s*\"([^\"]+)\"\\s*\\)");

    @Test
    void everyLoadedStatementIsAFileAndEveryFileIsLoaded() throws IOException {
        Set<String> loaded = loadedNames();
        Set<String> files = sqlFiles();

        assertThat(loaded).as("Sql.load calls").isNotEmpty();
        assertThat(new TreeSet<>(loaded)).as("Sql.load names without a file under " + SQL_ROOT)
                .allSatisfy(name -> assertThat(files).contains(name));
        assertThat(new TreeSet<>(files)).as(".sql files under " + SQL_ROOT + " that no Sql.load reads")
                .allSatisfy(name -> assertThat(loaded).contains(name));
    }

    @Test
    void everyStatementLoadsAndIsNotEmpty() throws IOException {
        for (String name : sqlFiles()) {
            String text = Sql.load(name);
            assertThat(text.replaceAll("(?m)^\\s*--.*$", "").strip()).as(name).isNotEmpty();
        }
    }

    @Test
    void theScanSeesLoadCalls() {
        Matcher m = LOAD.matcher("private static final String X = Sql.load(\"users/insert.sql\");");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("users/insert.sql");
    }

    private static Set<String> loadedNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LOAD.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Set<String> sqlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SQL_ROOT)) {
            List<String> names = files.filter(p -> p.toString().endsWith(".sql"))
                    .map(p -> SQL_ROOT.relativize(p).toString().replace('\\', '/')).toList();
            return new TreeSet<>(names);
        }
    }
}
