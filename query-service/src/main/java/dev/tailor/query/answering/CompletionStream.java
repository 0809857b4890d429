package dev.tailor.query.answering;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A chat model's completion while it is being written: the provider's callbacks put events in, the request that
 * streams the answer takes them out as they come. A provider silent for longer than the timeout counts as failed.
 */
final class CompletionStream {

    sealed interface Event permits Delta, Done, Failed {
    }

    /** More text of the answer. */
    record Delta(String text) implements Event {
    }

    /** The answer is complete. */
    record Done(ChatAnswerer.Completion completion) implements Event {
    }

    /** The provider failed; {@code why} is for the log, never for the user. */
    record Failed(String why) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Duration timeout;

    CompletionStream(Duration timeout) {
        this.timeout = timeout;
    }

    void delta(String text) {
        if (text != null && !text.isEmpty()) {
            events.add(new Delta(text));
        }
    }

    void complete(ChatAnswerer.Completion completion) {
        events.add(new Done(completion));
    }

    void fail(String why) {
        events.add(new Failed(why));
    }

    /** The next event; {@link Failed} when none came within the timeout. */
    Event next() {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return event == null ? new Failed("no data from the chat model for " + timeout) : event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted while waiting for the chat model");
        }
    }
}
