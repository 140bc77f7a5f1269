package io.lingxi.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples CPU time and resident memory of the suite's processes from /proc, once a second: every process named
 * by a PID file in {@code .lingxi/run} (with its child processes, so the embedded PostgreSQL's server and backends
 * count), the embedded PostgreSQL's postmaster, the benchmark itself and the whole machine.
 */
public final class ProcessSampler implements AutoCloseable {

    static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    static final long PAGE = 4096;

    /** One sample: CPU ticks and RSS bytes per component, machine busy/total ticks. */
    record Sample(long nanos, Map<String, long[]> components, long machineBusy, long machineTotal) {
    }

    /** Per component over a time window: mean and peak CPU (% of one core), mean and peak RSS (MiB). */
    public record Usage(double cpuMean, double cpuPeak, double rssMeanMiB, double rssPeakMiB) {
    }

    private final Path runDir;
    private final Path postmasterFile;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ProcessSampler(Path stateDir) {
        this.runDir = stateDir.resolve("run");
        this.postmasterFile = stateDir.resolve("data/postgres/postmaster.pid");
        thread = new Thread(this::loop, "bench-proc-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            Sample sample = sample();
            synchronized (samples) {
                samples.add(sample);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Map<String, Long> roots() {
        Map<String, Long> roots = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "*.pid")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                String name = file.getFileName().toString().replace(".pid", "");
                parsePid(Files.readString(file)).ifPresent(pid -> roots.put(name, pid));
            }
        } catch (IOException e) {
            // no run directory: nothing of the suite to sample
        }
        if (Files.isRegularFile(postmasterFile)) {
            try {
                List<String> lines = Files.readAllLines(postmasterFile);
                if (!lines.isEmpty()) {
                    parsePid(lines.get(0)).ifPresent(pid -> roots.put("postgres-server", pid));
                }
            } catch (IOException e) {
                // the embedded server is not running
            }
        }
        roots.put("bench", ProcessHandle.current().pid());
        return roots;
    }

    static java.util.Optional<Long> parsePid(String text) {
        try {
            return java.util.Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    Sample sample() {
        Map<Long, long[]> procs = new HashMap<>(); // pid -> {ppid, ticks, rss}
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    long[] stat = parseStat(Files.readString(dir.resolve("stat")));
                    procs.put(Long.parseLong(dir.getFileName().toString()), stat);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: no process figures
        }
        Map<Long, List<Long>> children = new HashMap<>();
        procs.forEach((pid, stat) -> children.computeIfAbsent(stat[0], k -> new ArrayList<>()).add(pid));
        Map<String, long[]> components = new LinkedHashMap<>();
        Set<Long> counted = new HashSet<>();
        for (Map.Entry<String, Long> root : roots().entrySet()) {
            long ticks = 0;
            long rss = 0;
            List<Long> todo = new ArrayList<>(List.of(root.getValue()));
            while (!todo.isEmpty()) {
                long pid = todo.remove(todo.size() - 1);
                long[] stat = procs.get(pid);
                if (stat == null || !counted.add(pid)) {
                    continue;
                }
                ticks += stat[1];
                rss += stat[2];
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
            components.put(root.getKey(), new long[] {ticks, rss});
        }
        long[] machine = machine();
        return new Sample(System.nanoTime(), components, machine[0], machine[1]);
    }

    /** {ppid, utime + stime (ticks), rss (bytes)} from /proc/[pid]/stat; the command may contain spaces. */
    static long[] parseStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // after the command: state(0) ppid(1) ... utime(11) stime(12) ... rss(21)
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[21]) * PAGE};
    }

    static long[] machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Usage per component between two instants (System.nanoTime), plus "machine" (% of all cores, busy). */
    public Map<String, Usage> usage(long fromNanos, long toNanos) {
        List<Sample> window = new ArrayList<>();
        synchronized (samples) {
            for (Sample s : samples) {
                if (s.nanos() >= fromNanos && s.nanos() <= toNanos) {
                    window.add(s);
                }
            }
        }
        Map<String, Usage> out = new LinkedHashMap<>();
        if (window.size() < 2) {
            return out;
        }
        Sample first = window.get(0);
        Sample last = window.get(window.size() - 1);
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        for (String name : last.components().keySet()) {
            long[] a = first.components().get(name);
            long[] b = last.components().get(name);
            if (a == null || b == null) {
                continue;
            }
            double mean = (b[0] - a[0]) * 100.0 / CLOCK_TICKS / seconds;
            double peak = 0;
            double rssSum = 0;
            double rssPeak = 0;
            for (int i = 1; i < window.size(); i++) {
                long[] p = window.get(i - 1).components().get(name);
                long[] q = window.get(i).components().get(name);
                if (p == null || q == null) {
                    continue;
                }
                double dt = (window.get(i).nanos() - window.get(i - 1).nanos()) / 1e9;
                peak = Math.max(peak, (q[0] - p[0]) * 100.0 / CLOCK_TICKS / dt);
                rssSum += q[1];
                rssPeak = Math.max(rssPeak, q[1]);
            }
            out.put(name, new Usage(round(mean), round(peak), round(rssSum / (window.size() - 1) / 1048576.0),
                    round(rssPeak / 1048576.0)));
        }
        long busy = last.machineBusy() - first.machineBusy();
        long total = last.machineTotal() - first.machineTotal();
        if (total > 0) {
            double percent = busy * 100.0 / total;
            out.put("machine (all cores)", new Usage(round(percent), 0, 0, 0));
        }
        return out;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
