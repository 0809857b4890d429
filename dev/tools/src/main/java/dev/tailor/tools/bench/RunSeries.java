package dev.tailor.tools.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A figure measured over several runs, described as its median and range: one run on two shared cores varies by
 * several percent, so a goal is judged on the median of at least five.
 */
public final class RunSeries {

    private RunSeries() {
    }

    /** "median 0.91 (range 0.88–0.93, 5 runs)". */
    public static String describe(List<Double> values) {
        if (values.isEmpty()) {
            return "no runs";
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "median %.2f (range %.2f–%.2f, %d run%s)", median, sorted.get(0),
                sorted.get(n - 1), n, n == 1 ? "" : "s");
    }

    /** Describes the figures of a file, one per line (what runs across service restarts appended). */
    public static void main(String[] args) throws Exception {
        List<Double> values = Files.readAllLines(Path.of(args[0])).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).map(Double::parseDouble).toList();
        System.out.println(describe(values));
    }
}
