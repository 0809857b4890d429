package dev.tailor.runtime.rag;


/**
 * Estimates token counts without a provider-specific tokenizer: about four characters per token for English
 * text, which is what budgets need (they are limits, not bills; bills use the provider's reported usage).
 */
public final class TokenEstimator {

    public static final int CHARS_PER_TOKEN = 4;

    private TokenEstimator() {
    }

    public static int estimate(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** The chunk's token count as ingest-service recorded it, else an estimate. */
    public static int tokens(RetrievedChunk chunk) {
        return chunk.tokenCount() > 0 ? chunk.tokenCount() : estimate(chunk.text());
    }
}
