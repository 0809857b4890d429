package dev.tailor.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition, what a service serves on {@code /q/metrics}: each line's name, labels
 * and value. What follows the value (a timestamp; with tracing on, an OpenMetrics exemplar) is not read.
 */
public final class PrometheusSamples {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusSamples() {
    }

    /** Sum of the samples named {@code name} whose labels include {@code labels}; 0 when there is none. */
    public static double sum(String exposition, String name, Map<String, String> labels) {
        return parse(exposition).stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    public static List<Sample> parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        exposition.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(l -> samples.add(sample(l)));
        return samples;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                String key = line.substring(i, equals).strip();
                i = line.indexOf('"', equals) + 1;
                StringBuilder value = new StringBuilder();
                for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                    if (c == '\\') {
                        c = line.charAt(++i);
                        value.append(c == 'n' ? '\n' : c);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i++;
                while (line.charAt(i) == ',' || line.charAt(i) == ' ') {
                    i++;
                }
            }
            i++;
        }
        String value = line.substring(i).strip().split("\\s+")[0];
        return new Sample(name, labels, switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        });
    }
}
