package dev.creditline.domain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one user's planned stats pieces are read so that no read scans more than half an hour of
 * model calls (docs/analytics.md "Hourly stats cache"): a live piece {@code P} that lies in a whole
 * past UTC hour {@code H}, touches exactly one end of it and covers more than half of it is read
 * as {@code +H} (cached) and {@code −(H − P)} (live), both counted for {@code P}. The rest
 * {@code H − P} must not partly overlap another planned piece (it may equal one: then that live
 * piece is read once and used twice). Every other piece is read as itself.
 */
public final class HalfHourNetting {

    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    private HalfHourNetting() {
    }

    /**
     * One piece read with a sign, counted for the planned piece starting at {@code anchor}.
     *
     * @param piece  the piece to read (cached or live)
     * @param sign   {@code +1} to add its rows, {@code -1} to subtract them
     * @param anchor start of the planned piece the rows count for
     */
    public record Term(StatsPiece piece, int sign, Instant anchor) {

        public Term {
            Objects.requireNonNull(piece, "piece");
            Objects.requireNonNull(anchor, "anchor");
            if (sign != 1 && sign != -1) {
                throw new IllegalArgumentException("sign must be +1 or -1, was " + sign);
            }
        }
    }

    /**
     * The terms that answer {@code pieces}.
     *
     * @param pieces      the planned pieces ({@link StatsPlan})
     * @param currentHour start of the current UTC hour; only hours ending by it are cached
     * @return one term per piece, or two (the whole hour and the rest subtracted) for a netted piece
     */
    public static List<Term> terms(List<StatsPiece> pieces, Instant currentHour) {
        List<Term> terms = new ArrayList<>(pieces.size() + 4);
        for (StatsPiece p : pieces) {
            if (p.kind() == StatsPiece.Kind.LIVE) {
                Instant hs = HourRange.floorHour(p.start());
                Instant he = hs.plus(Duration.ofHours(1));
                boolean touchesOneEnd = p.start().equals(hs) != p.end().equals(he);
                if (!he.isAfter(currentHour) && !p.end().isAfter(he) && touchesOneEnd
                        && Duration.between(p.start(), p.end()).compareTo(HALF_HOUR) > 0) {
                    StatsPiece rest = p.start().equals(hs)
                            ? new StatsPiece(p.end(), he, StatsPiece.Kind.LIVE)
                            : new StatsPiece(hs, p.start(), StatsPiece.Kind.LIVE);
                    boolean clean = pieces.stream().noneMatch(q -> !q.equals(rest)
                            && q.start().isBefore(rest.end()) && rest.start().isBefore(q.end()));
                    if (clean) {
                        terms.add(new Term(new StatsPiece(hs, he, StatsPiece.Kind.HOUR), 1, p.start()));
                        terms.add(new Term(rest, -1, p.start()));
                        continue;
                    }
                }
            }
            terms.add(new Term(p, 1, p.start()));
        }
        return terms;
    }
}
