package dev.tailor.query.routing;

/** {@code finetuned} was asked for but no fine-tuned model may answer this user: 409 Conflict. */
public class NoEligibleModelException extends RuntimeException {
    public NoEligibleModelException(String message) {
        super(message);
    }
}
