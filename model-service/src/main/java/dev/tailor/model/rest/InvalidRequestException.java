package dev.tailor.model.rest;

/** A request this API refuses; {@code param} names the field, as OpenAI's errors do. */
public class InvalidRequestException extends RuntimeException {

    private final String param;

    public InvalidRequestException(String param, String message) {
        super(message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
