package dev.tailor.ingest.chunking;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;

import java.util.regex.Pattern;

/**
 * A cheap estimate of MiniLM word pieces: 4 tokens per 3 words. English prose averages ~1.3 word pieces per
 * word; running the real tokenizer for every paragraph would cost as much as a fair part of the embedding itself.
 */
public final class TokenEstimate implements TokenCountEstimator {

    public static final TokenEstimate INSTANCE = new TokenEstimate();
    private static final Pattern WORD = Pattern.compile("\\S+");

    public static int of(String text) {
        long words = WORD.matcher(text).results().count();
        return (int) ((words * 4 + 2) / 3);
    }

    @Override
    public int estimateTokenCountInText(String text) {
        return of(text);
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        throw new UnsupportedOperationException("only plain text is chunked");
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        throw new UnsupportedOperationException("only plain text is chunked");
    }
}
