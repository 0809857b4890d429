package dev.tailor.runtime.rag;

/** One message of a conversation as a chat model reads it: {@code system}, {@code user} or {@code assistant}. */
public record Turn(String role, String content) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public static Turn system(String content) {
        return new Turn(SYSTEM, content);
    }

    public static Turn user(String content) {
        return new Turn(USER, content);
    }

    public static Turn assistant(String content) {
        return new Turn(ASSISTANT, content);
    }
}
