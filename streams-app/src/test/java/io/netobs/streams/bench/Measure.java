package io.netobs.streams.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** What one benchmark stage cost: wall time, CPU of its stream threads and of the process, peak heap, load. */
record Measure(String stage, long records, double seconds, double streamThreadCpuSeconds, double processCpuSeconds,
               long peakHeapBytes, String loadBefore, String loadAfter) {

    double rate() {
        return records / seconds;
    }

    /** Stream-thread CPU per record in microseconds, or NaN for a stage without stream threads. */
    double cpuMicrosPerRecord() {
        return streamThreadCpuSeconds < 0 ? Double.NaN : streamThreadCpuSeconds * 1e6 / records;
    }

    /** Starts measuring now: resets the heap peaks and takes the CPU counters. */
    static Start start(String threadNamePart) {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        return new Start(threadNamePart, System.nanoTime(), processCpuNanos(), threadCpuNanos(threadNamePart), loadAverage());
    }

    record Start(String threadNamePart, long wallNanos, long processCpu, long threadCpu, String load) {
        Measure stop(String stage, long records) {
            long wall = System.nanoTime() - wallNanos;
            long threads = threadNamePart == null ? -1 : threadCpuNanos(threadNamePart) - threadCpu;
            return new Measure(stage, records, wall / 1e9, threads < 0 ? -1 : threads / 1e9,
                    (processCpuNanos() - processCpu) / 1e9, peakHeap(), load, loadAverage());
        }

        /** The same start, with the wall clock restarted now (CPU counted from the start). */
        Start fromNow() {
            return new Start(threadNamePart, System.nanoTime(), processCpu, threadCpu, load);
        }
    }

    /** CPU time of live stream threads whose name contains {@code part} (not their producers' threads). */
    static long threadCpuNanos(String part) {
        if (part == null) {
            return 0;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains(part) && t.getThreadName().contains("-StreamThread-")
                    && !t.getThreadName().contains("producer")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The 1-minute load average, as the machine's other work matters on a shared host. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
