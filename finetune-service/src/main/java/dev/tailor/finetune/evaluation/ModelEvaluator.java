package dev.tailor.finetune.evaluation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tailor.finetune.config.ChatModels;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.dataset.QaPair;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Puts held-out questions to a model (through langchain4j, OpenAI-compatible, model = the model id) and scores
 * its answers against the references: the mean embedding similarity. A question the model fails to answer
 * scores 0.
 */
@ApplicationScoped
public class ModelEvaluator {

    private static final Logger LOG = Logger.getLogger(ModelEvaluator.class);

    @Inject
    FinetuneConfig config;

    @Inject
    SimilarityScorer scorer;

    public double score(String modelId, List<QaPair> heldOut) {
        if (heldOut.isEmpty()) {
            throw new IllegalArgumentException("no held-out questions to evaluate " + modelId + " with");
        }
        var eval = config.evaluation();
        var chat = ChatModels.openAiCompatible(eval.baseUrl().orElse(config.provider().baseUrl()),
                eval.apiKey().or(() -> config.provider().apiKey()).orElse(null), modelId, eval.timeout());
        List<QaPair> questions = heldOut.subList(0, Math.min(heldOut.size(), config.dataset().maxEvalQuestions()));
        double total = 0;
        for (QaPair pair : questions) {
            String answer;
            try {
                answer = chat.chat(SystemMessage.from(config.dataset().systemPrompt()), UserMessage.from(pair.question()))
                        .aiMessage().text();
            } catch (RuntimeException e) {
                LOG.warnf("model %s did not answer an evaluation question: %s", modelId, e.getMessage());
                answer = null;
            }
            total += scorer.similarity(answer, pair.answer());
        }
        return total / questions.size();
    }
}
