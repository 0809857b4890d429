package dev.tailor.model.serving;

/** A model could not be loaded (missing or corrupt weights or adapter). */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
