package dev.tailor.runtime.rag;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The pure parts of answering, configured once from {@link RagConfig}, for any service that answers. */
@ApplicationScoped
public class RagProducers {

    @Produces
    @Singleton
    PromptBuilder promptBuilder(RagConfig config) {
        return new PromptBuilder(config.prompt().contextTokenBudget());
    }

    @Produces
    @Singleton
    ExtractiveAnswerer extractiveAnswerer(RagConfig config) {
        return new ExtractiveAnswerer(config.prompt().extractiveSentences());
    }
}
