package dev.tailor.query.rest;

/** A request that is well-formed JSON but cannot be served as asked: 400 with this message. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
