package org.pestle.ordering.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a phase (Linux /proc): the whole machine, this JVM, and the
 * PostgreSQL server (its postmaster and the postmaster's children), so that a run disturbed by other
 * work on the machine (a concurrent build) shows it. Reads nothing when /proc is not there.
 */
final class BenchmarkCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long postmasterPid;

    BenchmarkCpu(long backendPid) {
        this.postmasterPid = parentOf(backendPid);
    }

    Sample sample() {
        long[] machine = machineTicks();
        return new Sample(System.nanoTime(), machine[0], machine[1],
                ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime(),
                postgresTicks());
    }

    /**
     * "CPU: machine busy 1.93 of 2 cores: this JVM 1.20, PostgreSQL 0.70, everything else 0.03", and a
     * warning when other processes used more than a tenth of the machine.
     */
    String since(Sample start) {
        Sample end = sample();
        double seconds = (end.nanos - start.nanos) / 1e9;
        if (end.machineTotal == start.machineTotal || seconds <= 0) {
            return "CPU use not available";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double busyShare = (double) (end.machineBusy - start.machineBusy) / (end.machineTotal - start.machineTotal);
        double busy = busyShare * cores;
        double jvm = (end.jvmNanos - start.jvmNanos) / 1e9 / seconds;
        double postgres = postmasterPid <= 0 ? Double.NaN
                : (end.postgresTicks - start.postgresTicks) / TICKS_PER_SECOND / seconds;
        double other = busy - jvm - (Double.isNaN(postgres) ? 0 : postgres);
        return String.format(Locale.ROOT, "CPU: machine busy %.2f of %d cores: this JVM %.2f, PostgreSQL %.2f, "
                + "everything else %.2f", busy, cores, jvm, postgres, other)
                + (other > 0.1 * cores ? String.format(Locale.ROOT, "%n  WARNING: other processes used %.2f cores "
                        + "during this phase: its numbers are disturbed and not comparable", other) : "");
    }

    /** A reading of the counters. */
    record Sample(long nanos, long machineBusy, long machineTotal, long jvmNanos, long postgresTicks) {
    }

    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private long postgresTicks() {
        if (postmasterPid <= 0) {
            return 0;
        }
        long ticks = ticks(postmasterPid, true);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            ticks += processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        long pid = Long.parseLong(p.getFileName().toString());
                        return parentOf(pid) == postmasterPid ? ticks(pid, false) : 0;
                    }).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks;
    }

    /** utime + stime (and, for the postmaster, its reaped children's) in clock ticks. */
    private static long ticks(long pid, boolean withChildren) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return 0;
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks;
    }

    private static long parentOf(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    /** The fields of /proc/PID/stat after the command name (field 3, the state, is index 0). */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
