package dev.tailor.query.rest;

/** A request that is well-formed JSON but cannot be served as asked: 400 naming the field at fault, if one is. */
public class InvalidParameterException extends RuntimeException {

    private final String param;

    public InvalidParameterException(String param, String message) {
        super(message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
