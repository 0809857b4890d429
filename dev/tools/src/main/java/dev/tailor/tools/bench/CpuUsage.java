package dev.tailor.tools.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the processes on this machine, by component, read from {@code /proc} (Linux): where the cores went
 * during a measurement. On a machine shared by the whole stack a benchmark's figures only make sense next to this.
 * Threads of the services are grouped by name (the embedding executor's threads are named {@code embedding-N}).
 */
public final class CpuUsage {

    /** Which component a process is, by a fragment of its command line; first match wins. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("ingest-service", "ingest-service");
        COMPONENTS.put("query-service", "query-service");
        COMPONENTS.put("finetune-service", "finetune-service");
        COMPONENTS.put("model-service", "model-service");
        COMPONENTS.put("tailor_trainer", "training worker (python)");
        COMPONENTS.put("weaviate-server", "weaviate");
        COMPONENTS.put("kafka.Kafka", "kafka");
        COMPONENTS.put("keycloak", "keycloak");
        COMPONENTS.put("dev.tailor.tools.bench", "benchmark (this process)");
    }

    /** Between a component and one of its thread groups in the names of {@link #deltas}. */
    private static final String THREADS = " / ";
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, Double> seconds;
    private final long nanos = System.nanoTime();

    private CpuUsage(Map<String, Double> seconds) {
        this.seconds = seconds;
    }

    /** CPU seconds used so far by each component, and by each thread group of the {@code detail} component. */
    public static CpuUsage now(String detail) {
        Map<String, Double> seconds = new TreeMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String component = component(Files.readString(process.resolve("cmdline")).replace('\0', ' '));
                    seconds.merge(component, cpuSeconds(process.resolve("stat")), Double::sum);
                    if (component.equals(detail)) {
                        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
                            for (Path thread : threads) {
                                String name = Files.readString(thread.resolve("comm")).strip().replaceAll("[-#_ ]*\\d+$", "");
                                seconds.merge(component + THREADS + name, cpuSeconds(thread.resolve("stat")), Double::sum);
                            }
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process or thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return new CpuUsage(Map.of()); // not Linux: nothing to say
        }
        return new CpuUsage(seconds);
    }

    /** What each component used since {@code before}, largest first, as lines for a report. */
    public List<String> since(CpuUsage before) {
        double wall = wallSeconds(before);
        int cores = Runtime.getRuntime().availableProcessors();
        return deltas(before).entrySet().stream()
                .filter(e -> e.getValue() >= 0.05)
                .map(e -> String.format("%-40s %6.1f s  (%3.0f%% of %d cores over %.1f s)", e.getKey(), e.getValue(),
                        100 * e.getValue() / (wall * cores), cores, wall))
                .toList();
    }

    /** Wall-clock seconds between {@code before} and this reading. */
    public double wallSeconds(CpuUsage before) {
        return (nanos - before.nanos) / 1e9;
    }

    /** CPU seconds of all processes since {@code before} (the components, not their thread groups). */
    public double processSeconds(CpuUsage before) {
        return deltas(before).entrySet().stream().filter(e -> !e.getKey().contains(THREADS))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** CPU seconds each component (and thread group) used since {@code before}, largest first. */
    public Map<String, Double> deltas(CpuUsage before) {
        Map<String, Double> deltas = new LinkedHashMap<>();
        seconds.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.seconds.getOrDefault(e.getKey(), 0.0)))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> deltas.put(e.getKey(), e.getValue()));
        return deltas;
    }

    private static String component(String commandLine) {
        return COMPONENTS.entrySet().stream().filter(c -> commandLine.contains(c.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other");
    }

    private static double cpuSeconds(Path stat) throws IOException {
        String s = Files.readString(stat);
        // fields after "pid (comm) ": state is the 1st, utime the 12th, stime the 13th
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
}
