package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The domain's idempotent ref types ({@link LedgerRef#IDEMPOTENT_TYPES}) are exactly the ref types
 * the migrated database refuses twice per user: the partial unique indexes on
 * {@code credit_ledger (user_id, ref_type, ref_id)}, read back from PostgreSQL after every
 * migration ran. A type in one list only would either let an effect happen twice or make the
 * domain claim a guarantee the database does not give.
 */
@DatabaseTest
class IdempotentRefTypesTest {

    /** A string literal of the predicate: one type ({@code 'hold'}) or an array ({@code '{hold,void}'}). */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Test
    void the_idempotent_ref_types_of_the_domain_are_those_of_the_partial_unique_indexes() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        try (Database db = Database.open(t.jdbcUrl(), t.user(), t.password(), 2)) {
            db.migrate();
            List<String> definitions = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT pg_get_indexdef(i.indexrelid)
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE i.indrelid = 'credit_ledger'::regclass AND i.indisunique AND i.indpred IS NOT NULL
                      AND pg_get_indexdef(i.indexrelid) LIKE '%(user_id, ref_type, ref_id)%'
                    ORDER BY c.relname""").mapTo(String.class).list());

            assertThat(definitions).as("partial unique indexes on (user_id, ref_type, ref_id)").hasSize(2);
            Set<String> indexed = new TreeSet<>();
            for (String definition : definitions) {
                String predicate = definition.substring(definition.indexOf(" WHERE "));
                assertThat(predicate).as(definition).contains("ref_type");
                Matcher m = QUOTED.matcher(predicate);
                while (m.find()) {
                    String literal = m.group(1);
                    if (literal.startsWith("{") && literal.endsWith("}")) {
                        indexed.addAll(List.of(literal.substring(1, literal.length() - 1).split(",")));
                    } else {
                        indexed.add(literal);
                    }
                }
            }
            assertThat(indexed).isEqualTo(new TreeSet<>(LedgerRef.IDEMPOTENT_TYPES));
        }
    }
}
