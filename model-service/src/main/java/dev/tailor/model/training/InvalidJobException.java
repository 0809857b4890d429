package dev.tailor.model.training;

/** A fine-tuning request this service cannot accept; {@code param} names the offending field, as OpenAI does. */
public class InvalidJobException extends RuntimeException {

    private final String param;

    public InvalidJobException(String param, String message) {
        super(message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
