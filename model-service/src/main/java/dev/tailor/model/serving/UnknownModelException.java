package dev.tailor.model.serving;

/** The request names a model this service does not serve. */
public class UnknownModelException extends RuntimeException {

    public UnknownModelException(String model) {
        super("The model '" + model + "' does not exist or you do not have access to it.");
    }
}
