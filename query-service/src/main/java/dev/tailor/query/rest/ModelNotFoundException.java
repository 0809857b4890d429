package dev.tailor.query.rest;

/** A model name that is neither a strategy nor a model the caller may use: 404, as OpenAI answers it. */
public class ModelNotFoundException extends RuntimeException {
    public ModelNotFoundException(String model) {
        super("The model '" + model + "' does not exist or you do not have access to it; GET /v1/models lists yours");
    }
}
