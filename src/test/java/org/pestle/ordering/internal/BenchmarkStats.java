package org.pestle.ordering.internal;

import java.util.Arrays;
import java.util.Locale;

/** Latency percentiles (nearest rank) over a set of samples in nanoseconds, printed in milliseconds. */
record BenchmarkStats(int count, double p50, double p90, double p99, double max) {

    static BenchmarkStats ofNanos(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new BenchmarkStats(sorted.length, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.90)),
                ms(rank(sorted, 0.99)), ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** "p50 12.3  p90 ..  p99 ..  max .. ms". */
    String line() {
        return String.format(Locale.ROOT, "p50 %8.1f   p90 %8.1f   p99 %8.1f   max %8.1f  ms", p50, p90, p99, max);
    }
}
