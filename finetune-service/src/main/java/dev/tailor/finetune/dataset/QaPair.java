package dev.tailor.finetune.dataset;

/**
 * A training example: a question, the answer its chunk gives, and where it comes from.
 *
 * @param chunk {@code docId#chunkIndex} of the source chunk (empty for pairs read back from an older dataset)
 */
public record QaPair(String question, String answer, String docId, String chunk) {

    static QaPair of(PairFilter.Candidate c) {
        return new QaPair(c.question().strip(), c.answer().strip(), c.chunk().docId(), c.chunk().key());
    }
}
