package dev.tailor.finetune.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits pairs into training and evaluation by their source chunk, never by pair: every pair of a chunk lands on the
 * same side, so no evaluation question is about a passage the model trained on (paraphrases of a trained question
 * would otherwise test memory, not knowledge). The side is a hash of the chunk's name, the same in every run; with two
 * or more chunks, each side gets at least one. Pure.
 */
public final class ChunkSplit {

    public record Split(List<QaPair> train, List<QaPair> eval) {
    }

    private ChunkSplit() {
    }

    public static Split of(List<QaPair> pairs, double evalFraction) {
        Set<String> chunks = new LinkedHashSet<>();
        pairs.forEach(p -> chunks.add(p.chunk()));
        Set<String> evalChunks = new LinkedHashSet<>();
        chunks.stream().filter(c -> bucket(c) < evalFraction).forEach(evalChunks::add);
        if (chunks.size() >= 2 && evalChunks.isEmpty()) {
            evalChunks.add(chunks.stream().min(java.util.Comparator.comparingDouble(ChunkSplit::bucket)).orElseThrow());
        }
        if (chunks.size() >= 2 && evalChunks.size() == chunks.size()) {
            evalChunks.remove(chunks.stream().max(java.util.Comparator.comparingDouble(ChunkSplit::bucket)).orElseThrow());
        }
        List<QaPair> train = new ArrayList<>();
        List<QaPair> eval = new ArrayList<>();
        pairs.forEach(p -> (evalChunks.contains(p.chunk()) ? eval : train).add(p));
        return new Split(List.copyOf(train), List.copyOf(eval));
    }

    /** A stable number in [0, 1) from the chunk's name. */
    static double bucket(String chunk) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(chunk.getBytes(StandardCharsets.UTF_8));
            long v = ((h[0] & 0xffL) << 16) | ((h[1] & 0xffL) << 8) | (h[2] & 0xffL);
            return v / (double) (1 << 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
