package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The Citus path stays open (docs/operations.md "Sharding"): the migrated schema, read from
 * {@code pg_catalog}, is judged table by table by the rules a distribution by user needs, so a
 * migration that adds a table breaking them fails here whoever wrote it.
 *
 * <ul>
 *   <li>A table with a {@code user_id} column is <em>user-keyed</em>: distributed by
 *       {@code user_id}, co-located with {@code users} (distributed by {@code id}). Its key column
 *       is NOT NULL; its primary key and every unique constraint or unique index lead with it.</li>
 *   <li>A foreign key between user-keyed tables maps the key column to the key column (the rows
 *       live on the same shard). A foreign key from a user-keyed table to a table without
 *       {@code user_id} is allowed: that table becomes a reference table (copied to every node).</li>
 *   <li>A table without {@code user_id} (reference or coordinator-local) has no foreign key to a
 *       user-keyed table: that would cross shards.</li>
 * </ul>
 * Today's exceptions are listed in {@link #EXCEPTIONS} with the reason and the change they need
 * at sharding time (docs/operations.md "Sharding"); anything else fails.
 */
@DatabaseTest
class ShardingRulesTest {

    /** Key column of user-keyed tables. */
    static final String USER_KEY = "user_id";
    /** The root table and its key column. */
    static final String USERS = "users";
    static final String USERS_KEY = "id";

    /**
     * Known exceptions, {@code table/constraint-or-index} → why it is allowed today. Each needs the
     * change named in docs/operations.md "Sharding" before {@code create_distributed_table}.
     */
    static final Map<String, String> EXCEPTIONS = Map.ofEntries(
            Map.entry("users/users_email_lower_key",
                    "e-mails are unique across users; at sharding time: lookup table distributed by lower(email)"),
            Map.entry("users/users_stripe_customer_key",
                    "webhooks find the user by Stripe customer id; at sharding time: lookup table by customer id"),
            Map.entry("accounts/accounts_pkey",
                    "random UUID surrogate key; at sharding time: PRIMARY KEY (user_id, id)"),
            Map.entry("accounts/accounts_provider_account_key",
                    "Auth.js finds the user by (provider, providerAccountId); at sharding time: lookup table"),
            Map.entry("guest_claims/guest_claims_pkey",
                    "a guest is claimed once across users; at sharding time: (user_id, guest_id) + a claim row keyed by guest_id"),
            Map.entry("checkout_attempts/checkout_attempts_pkey",
                    "random UUID surrogate key; at sharding time: PRIMARY KEY (user_id, id)"),
            Map.entry("checkout_attempts/checkout_attempts_session_key",
                    "webhooks find the attempt by Checkout Session id; at sharding time: lookup table"),
            Map.entry("credit_pack_purchases/credit_pack_purchases_pkey",
                    "one grant per Checkout Session across users; at sharding time: (user_id, stripe_session_id) + lookup"),
            Map.entry("credit_pack_purchases/credit_pack_purchases_payment_intent_key",
                    "refunds find the purchase by PaymentIntent id; at sharding time: lookup table"),
            Map.entry("stripe_invoice_grants/stripe_invoice_grants_pkey",
                    "one allowance grant per invoice across users; at sharding time: (user_id, invoice_id) + lookup"),
            Map.entry("stripe_invoice_grants/stripe_invoice_grants_payment_intent_key",
                    "refunds find the invoice grant by PaymentIntent id; at sharding time: lookup table"),
            Map.entry("stripe_subscriptions/stripe_subscriptions_pkey",
                    "webhooks find the user by subscription id; at sharding time: (user_id, subscription_id) + lookup"),
            Map.entry("holds/holds_id_key",
                    "holds are addressed by id alone; at sharding time: dropped (PRIMARY KEY (user_id, id) stays)"));

    @Test
    void theMigratedSchemaCanBeDistributedByUser() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        try (Database db = Database.open(t.jdbcUrl(), t.user(), t.password(), 2)) {
            db.migrate();
            Map<String, String> violations = db.jdbi().withHandle(ShardingRulesTest::violations);
            Map<String, String> unexpected = new TreeMap<>(violations);
            unexpected.keySet().removeAll(EXCEPTIONS.keySet());
            assertThat(unexpected).as("tables that could not be distributed by user_id (docs/operations.md"
                    + " \"Sharding\"): fix the migration, or add a reasoned exception").isEmpty();
            assertThat(violations).as("the listed exceptions are real today").isNotEmpty();
        }
    }

    @Test
    void aTableBreakingTheRulesIsFound() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        Jdbi jdbi = Jdbi.create(t.jdbcUrl(), t.user(), t.password());
        Map<String, String> violations = jdbi.withHandle(h -> {
            h.execute("CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL)");
            h.execute("CREATE TABLE lots (user_id uuid NOT NULL REFERENCES users (id), id uuid,"
                    + " PRIMARY KEY (user_id, id))");
            h.execute("CREATE TABLE billing_intents (id bigint PRIMARY KEY, user_id uuid REFERENCES users (id),"
                    + " stripe_key text, CONSTRAINT billing_intents_stripe_key UNIQUE (stripe_key))");
            h.execute("CREATE UNIQUE INDEX lots_id_user_key ON lots (id, user_id)");
            h.execute("CREATE TABLE allocations (user_id uuid NOT NULL, id uuid, lot_id uuid,"
                    + " PRIMARY KEY (user_id, id), CONSTRAINT allocations_lot_fkey FOREIGN KEY (lot_id, user_id)"
                    + " REFERENCES lots (id, user_id))");
            h.execute("CREATE TABLE spends (user_id uuid NOT NULL, id uuid, lot_user uuid, lot_id uuid,"
                    + " PRIMARY KEY (user_id, id), CONSTRAINT spends_lot_fkey FOREIGN KEY (lot_user, lot_id)"
                    + " REFERENCES lots (user_id, id))");
            h.execute("CREATE TABLE audit (id bigint PRIMARY KEY, owner uuid,"
                    + " CONSTRAINT audit_owner_fkey FOREIGN KEY (owner) REFERENCES users (id))");
            return violations(h);
        });
        assertThat(violations).containsOnlyKeys("billing_intents/billing_intents_pkey",
                "billing_intents/billing_intents_stripe_key", "billing_intents/user_id",
                "lots/lots_id_user_key", "spends/spends_lot_fkey", "audit/audit_owner_fkey");
        assertThat(violations.get("allocations/allocations_lot_fkey")).isNull();
    }

    /**
     * Every breach of the rules in the current schema, {@code table/constraint-or-index} (or
     * {@code table/column}) → what is wrong.
     */
    static Map<String, String> violations(Handle h) {
        Map<String, String> out = new TreeMap<>();
        Map<String, Boolean> userIdNullable = new HashMap<>();
        Set<String> tables = new HashSet<>(h.createQuery("SELECT c.relname FROM pg_class c"
                        + " WHERE c.relnamespace = CAST(current_schema() AS regnamespace) AND c.relkind IN ('r', 'p')"
                        + " AND c.relname <> 'flyway_schema_history'")
                .mapTo(String.class).list());
        h.createQuery("SELECT c.relname, NOT a.attnotnull AS nullable FROM pg_attribute a"
                        + " JOIN pg_class c ON c.oid = a.attrelid"
                        + " WHERE c.relnamespace = CAST(current_schema() AS regnamespace) AND a.attname = :k"
                        + " AND NOT a.attisdropped")
                .bind("k", USER_KEY)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .forEach(e -> userIdNullable.put(e.getKey(), e.getValue()));
        userIdNullable.keySet().retainAll(tables);
        Set<String> userKeyed = new HashSet<>(userIdNullable.keySet());
        if (tables.contains(USERS)) {
            userKeyed.add(USERS);
        }
        userIdNullable.forEach((table, nullable) -> {
            if (nullable && !table.equals(USERS)) {
                out.put(table + "/" + USER_KEY, "the distribution column must be NOT NULL");
            }
        });
        for (String table : userKeyed) {
            if (h.createQuery("SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid"
                            + " WHERE c.relname = :t AND c.relnamespace = CAST(current_schema() AS regnamespace)"
                            + " AND x.indisprimary").bind("t", table).mapTo(Integer.class).one() == 0) {
                out.put(table + "/primary key", "a user-keyed table needs a primary key leading with " + key(table));
            }
        }
        h.createQuery("SELECT c.relname AS tbl, i.relname AS idx, x.indisprimary AS pk,"
                        + " (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = x.indkey[0])"
                        + " AS first_col FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid"
                        + " JOIN pg_class i ON i.oid = x.indexrelid"
                        + " WHERE c.relnamespace = CAST(current_schema() AS regnamespace) AND x.indisunique")
                .map((rs, ctx) -> new String[]{rs.getString("tbl"), rs.getString("idx"), rs.getString("pk"),
                        rs.getString("first_col")})
                .forEach(r -> {
                    if (userKeyed.contains(r[0]) && !key(r[0]).equals(r[3])) {
                        out.put(r[0] + "/" + r[1], ("t".equals(r[2]) ? "primary key" : "unique index")
                                + " leads with " + (r[3] == null ? "an expression" : r[3]) + ", not " + key(r[0]));
                    }
                });
        for (ForeignKey fk : foreignKeys(h)) {
            if (!tables.contains(fk.table()) || !tables.contains(fk.references())) {
                continue;
            }
            boolean fromUser = userKeyed.contains(fk.table());
            boolean toUser = userKeyed.contains(fk.references());
            if (toUser && !fromUser) {
                out.put(fk.table() + "/" + fk.name(), "a table not keyed by user references user-keyed "
                        + fk.references() + ": the reference would cross shards");
            } else if (toUser) {
                int i = fk.columns().indexOf(key(fk.table()));
                if (i < 0 || !fk.referencedColumns().get(i).equals(key(fk.references()))) {
                    out.put(fk.table() + "/" + fk.name(), "references " + fk.references() + " without mapping "
                            + key(fk.table()) + " to " + fk.references() + "." + key(fk.references())
                            + ": the rows could live on different shards");
                }
            }
        }
        return out;
    }

    private static String key(String table) {
        return table.equals(USERS) ? USERS_KEY : USER_KEY;
    }

    record ForeignKey(String name, String table, List<String> columns, String references,
                      List<String> referencedColumns) {
    }

    private static List<ForeignKey> foreignKeys(Handle h) {
        List<ForeignKey> out = new ArrayList<>();
        h.createQuery("SELECT con.conname, src.relname AS src, dst.relname AS dst,"
                        + " ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o)"
                        + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS cols,"
                        + " ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o)"
                        + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS refcols"
                        + " FROM pg_constraint con JOIN pg_class src ON src.oid = con.conrelid"
                        + " JOIN pg_class dst ON dst.oid = con.confrelid"
                        + " WHERE con.contype = 'f' AND src.relnamespace = CAST(current_schema() AS regnamespace)")
                .map((rs, ctx) -> new ForeignKey(rs.getString("conname"), rs.getString("src"),
                        List.of((String[]) rs.getArray("cols").getArray()), rs.getString("dst"),
                        List.of((String[]) rs.getArray("refcols").getArray())))
                .forEach(out::add);
        return out;
    }
}
