package dev.tailor.model.training;

/** Too many jobs are waiting for the trainer. */
public class TrainingQueueFullException extends RuntimeException {

    public TrainingQueueFullException(int waiting) {
        super(waiting + " fine-tuning jobs are already waiting; try again once some have finished");
    }
}
