package dev.tailor.finetune.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One line of a gold question set (dev/corpus/questions.jsonl): a question a person would ask, the exact fact that
 * answers it, the document it is in and the roles that may read that document.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoldQuestion(String id, String question, String fact, List<String> alternatives, String docId,
                           String group, List<String> readers) {

    public GoldQuestion {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        readers = readers == null ? List.of() : List.copyOf(readers);
    }
}
