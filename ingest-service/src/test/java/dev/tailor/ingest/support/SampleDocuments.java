package dev.tailor.ingest.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Markdown documents built from distinct made-up words, so that every paragraph is its own chunk text. */
public final class SampleDocuments {

    private SampleDocuments() {
    }

    /** A paragraph of about {@code words} words, unique to {@code seed}. */
    public static String paragraph(String seed, int words) {
        Random random = new Random(seed.hashCode());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(i % 12 == 0 ? ". " : " ");
            }
            sb.append(word(random));
        }
        return sb.append('.').toString();
    }

    private static String word(Random random) {
        int length = 3 + random.nextInt(7);
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < length; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    /**
     * {@code sections} sections of {@code perSection} paragraphs of ~110 words (~147 estimated tokens: one
     * paragraph per chunk at the default limit of 200).
     */
    public static List<List<String>> paragraphs(String seed, int sections, int perSection) {
        List<List<String>> result = new ArrayList<>();
        for (int s = 0; s < sections; s++) {
            List<String> section = new ArrayList<>();
            for (int p = 0; p < perSection; p++) {
                section.add(paragraph(seed + "/" + s + "/" + p, 110));
            }
            result.add(section);
        }
        return result;
    }

    public static String markdown(List<List<String>> sections) {
        StringBuilder md = new StringBuilder();
        for (int s = 0; s < sections.size(); s++) {
            md.append("## Section ").append(s).append("\n\n");
            for (String p : sections.get(s)) {
                md.append(p).append("\n\n");
            }
        }
        return md.toString();
    }

    /** Deep copy, for editing. */
    public static List<List<String>> copy(List<List<String>> sections) {
        List<List<String>> copy = new ArrayList<>();
        sections.forEach(s -> copy.add(new ArrayList<>(s)));
        return copy;
    }
}
