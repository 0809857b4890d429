package dev.tailor.model.serving;

/** Every generation slot is busy and the queue in front of them is full: the caller should retry later. */
public class ServerBusyException extends RuntimeException {

    public ServerBusyException(String message) {
        super(message);
    }
}
