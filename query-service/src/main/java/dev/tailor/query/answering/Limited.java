package dev.tailor.query.answering;

import dev.tailor.query.chat.Generation;
import dev.tailor.runtime.rag.TokenEstimator;

/**
 * An answer written without a model, held to the caller's {@code stop} and {@code max_tokens} as a model would be:
 * cut before the first stop sequence, then to the token limit (finish reason {@code length}).
 */
record Limited(String text, String finishReason) {

    static Limited of(String text, Generation generation) {
        String cut = text;
        for (String stop : generation.stop()) {
            int at = cut.indexOf(stop);
            if (at >= 0) {
                cut = cut.substring(0, at);
            }
        }
        Integer max = generation.maxTokens();
        if (max != null && TokenEstimator.estimate(cut) > max) {
            return new Limited(cut.substring(0, max * TokenEstimator.CHARS_PER_TOKEN), "length");
        }
        return new Limited(cut, "stop");
    }
}
