package dev.creditline.stripe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tolerant readers over Stripe's raw JSON, independent of the API version.
 *
 * <p>Rules: a path whose leaf (or any intermediate node) is absent or JSON {@code null} reads
 * as {@code null}; an intermediate node that is not an object also reads as {@code null} (so a
 * fallback location from another API version can be tried); a leaf present with the wrong JSON
 * type throws {@link BadField}, which the verifier turns into a
 * {@code MalformedEventException}. Paths are dotted for messages only.
 */
final class StripeJson {

    private StripeJson() {
    }

    /** A field is present with a JSON type Stripe never sends there. */
    static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message);
        }
    }

    /** The element at {@code path} below {@code root}, or {@code null}. */
    static JsonElement at(JsonObject root, String... path) {
        JsonElement current = root;
        for (String key : path) {
            if (current == null || !current.isJsonObject()) {
                return null;
            }
            current = current.getAsJsonObject().get(key);
        }
        return current == null || current.isJsonNull() ? null : current;
    }

    /** The object at {@code path}, {@code null} if absent; a non-object is a {@link BadField}. */
    static JsonObject object(JsonObject root, String... path) {
        JsonElement e = at(root, path);
        if (e == null) {
            return null;
        }
        if (!e.isJsonObject()) {
            throw new BadField(name(path) + " is not an object");
        }
        return e.getAsJsonObject();
    }

    /** The array at {@code path}, {@code null} if absent; a non-array is a {@link BadField}. */
    static JsonArray array(JsonObject root, String... path) {
        JsonElement e = at(root, path);
        if (e == null) {
            return null;
        }
        if (!e.isJsonArray()) {
            throw new BadField(name(path) + " is not an array");
        }
        return e.getAsJsonArray();
    }

    /** The string at {@code path}, {@code null} if absent; a non-string is a {@link BadField}. */
    static String text(JsonObject root, String... path) {
        JsonElement e = at(root, path);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new BadField(name(path) + " is not a string");
        }
        return storable(e.getAsString(), name(path));
    }

    /**
     * {@code value} unless it holds U+0000, which PostgreSQL text cannot store (Stripe never sends
     * it; a signed body holding it is malformed, docs/api.md "Input robustness").
     *
     * @throws BadField naming {@code what} otherwise
     */
    static String storable(String value, String what) {
        if (value.indexOf('\u0000') >= 0) {
            throw new BadField(what + " contains the NUL character");
        }
        return value;
    }

    /**
     * An id that Stripe sends either as a string or, when expanded, as an object with an
     * {@code id}: the id string, {@code null} if absent; anything else is a {@link BadField}.
     */
    static String id(JsonObject root, String... path) {
        JsonElement e = at(root, path);
        if (e == null) {
            return null;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return storable(e.getAsString(), name(path));
        }
        if (e.isJsonObject()) {
            return text(e.getAsJsonObject(), "id");
        }
        throw new BadField(name(path) + " is neither an id nor an object with an id");
    }

    /** A whole number (cents, Unix seconds) at {@code path}, {@code null} if absent. */
    static Long whole(JsonObject root, String... path) {
        JsonElement e = at(root, path);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new BadField(name(path) + " is not a number");
        }
        try {
            return new BigDecimal(e.getAsJsonPrimitive().getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            throw new BadField(name(path) + " is not a whole number");
        }
    }

    /** A boolean at {@code path}, {@code null} if absent. */
    static Boolean bool(JsonObject root, String... path) {
        JsonElement e = at(root, path);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new BadField(name(path) + " is not a boolean");
        }
        return e.getAsBoolean();
    }

    /** Latest Unix time accepted from Stripe: 9999-12-31T23:59:59Z (PostgreSQL and ISO-8601 both hold it). */
    static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    /**
     * Unix seconds at {@code path} as an instant, {@code null} if absent; a {@link BadField} when
     * outside 1970-01-01..9999-12-31, which no Stripe timestamp is and PostgreSQL cannot store.
     */
    static Instant epochSeconds(JsonObject root, String... path) {
        Long seconds = whole(root, path);
        if (seconds == null) {
            return null;
        }
        if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
            throw new BadField(name(path) + " is not a Unix time between 1970 and 9999");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /**
     * A metadata object as an insertion-ordered map of strings; empty if absent. Values that
     * are JSON {@code null} are skipped, numbers and booleans are rendered as text, nested
     * objects or arrays are a {@link BadField}.
     */
    static Map<String, String> metadata(JsonObject root, String... path) {
        JsonObject o = object(root, path);
        Map<String, String> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
            JsonElement v = entry.getValue();
            if (v == null || v.isJsonNull()) {
                continue;
            }
            if (!v.isJsonPrimitive()) {
                throw new BadField(name(path) + "." + entry.getKey() + " is not a string");
            }
            String key = storable(entry.getKey(), name(path) + " key");
            out.put(key, storable(((JsonPrimitive) v).getAsString(), name(path) + "." + key));
        }
        return out;
    }

    /** The objects of a Stripe list ({@code {"object":"list","data":[...]}}) at {@code path}. */
    static List<JsonObject> listData(JsonObject root, String... path) {
        String[] dataPath = append(path, "data");
        JsonArray data = array(root, dataPath);
        List<JsonObject> out = new ArrayList<>();
        if (data == null) {
            return out;
        }
        for (int i = 0; i < data.size(); i++) {
            JsonElement e = data.get(i);
            if (!e.isJsonObject()) {
                throw new BadField(name(dataPath) + "[" + i + "] is not an object");
            }
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    /**
     * The first non-null result of the candidate readers, tried in order (current API
     * location first, older locations after); later readers run only when needed, so a
     * location from another API version cannot fail a payload that has the current one.
     */
    @SafeVarargs
    static <T> T first(Supplier<T>... candidates) {
        for (Supplier<T> candidate : candidates) {
            T value = candidate.get();
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String[] append(String[] path, String last) {
        String[] out = new String[path.length + 1];
        System.arraycopy(path, 0, out, 0, path.length);
        out[path.length] = last;
        return out;
    }

    private static String name(String... path) {
        return String.join(".", path);
    }
}
