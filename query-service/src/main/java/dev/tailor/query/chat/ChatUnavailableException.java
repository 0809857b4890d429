package dev.tailor.query.chat;

/** The chat provider failed or timed out: 503 with a message that names no provider internals. */
public class ChatUnavailableException extends RuntimeException {
    public ChatUnavailableException(String message) {
        super(message);
    }
}
