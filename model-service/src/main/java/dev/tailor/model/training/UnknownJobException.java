package dev.tailor.model.training;

/** No job has this id. */
public class UnknownJobException extends RuntimeException {

    public UnknownJobException(String id) {
        super("No fine-tuning job with id '" + id + "'.");
    }
}
