package dev.tailor.finetune.dataset;

/** A training example: a question and the answer the documents give. */
public record QaPair(String question, String answer, String docId) {
}
