package dev.tailor.finetune.evaluation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.groups.PermissionGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured gold question set, as a group's users meet it: the questions about documents they may read expect
 * the fact; the others expect a refusal (the answer is not in what they may read). Read on each use, so an edited
 * file counts at the next evaluation.
 */
@ApplicationScoped
public class GoldQuestions {

    private static final Logger LOG = Logger.getLogger(GoldQuestions.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final FinetuneConfig config;

    GoldQuestions(FinetuneConfig config) {
        this.config = config;
    }

    public List<GoldQuestion> all() {
        return config.evaluation().goldQuestions().map(GoldQuestions::read).orElse(List.of());
    }

    static List<GoldQuestion> read(Path file) {
        if (!Files.isRegularFile(file)) {
            LOG.warnf("the gold question set %s does not exist; evaluations use held-out pairs only", file);
            return List.of();
        }
        try {
            List<GoldQuestion> questions = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    questions.add(JSON.readValue(line, GoldQuestion.class));
                }
            }
            return questions;
        } catch (IOException e) {
            throw new IllegalStateException("could not read the gold questions in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The group's share of the gold set: up to a quarter of {@code max} questions it may not read (at least one when
     * there are any), the questions about its own training corpus, then the other ones it may read (public documents).
     */
    public List<EvalQuestion> forGroup(PermissionGroup group, int max) {
        return choose(group, all(), max);
    }

    static List<EvalQuestion> choose(PermissionGroup group, List<GoldQuestion> all, int max) {
        List<EvalQuestion> own = new ArrayList<>();
        List<EvalQuestion> refused = new ArrayList<>();
        List<EvalQuestion> readable = new ArrayList<>();
        for (GoldQuestion q : all) {
            boolean canRead = group.canRead(q.readers());
            EvalQuestion asked = new EvalQuestion(q.id(), q.question(), List.of(q.fact()), q.alternatives(), q.fact(),
                    !canRead, q.docId(), "gold");
            if (!canRead) {
                refused.add(asked);
            } else if (group.trainsOn(q.readers())) {
                own.add(asked);
            } else {
                readable.add(asked);
            }
        }
        // the refusals' share is set aside first: a group with more own questions than max was asked none
        int refusals = Math.min(refused.size(), Math.min(max, Math.max(1, max / 4)));
        List<EvalQuestion> chosen = new ArrayList<>(own.subList(0, Math.min(own.size(), max - refusals)));
        chosen.addAll(refused.subList(0, refusals));
        chosen.addAll(readable.subList(0, Math.min(readable.size(), Math.max(0, max - chosen.size()))));
        return chosen;
    }
}
