package dev.tailor.query.chat;

/** The provider refused the request as invalid (its 400): the caller asked for something the model cannot do. */
public class ChatRejectedException extends RuntimeException {
    public ChatRejectedException(String message) {
        super(message);
    }
}
