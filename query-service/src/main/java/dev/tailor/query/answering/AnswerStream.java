package dev.tailor.query.answering;

import dev.tailor.runtime.rag.RetrievedChunk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An answer handed out piece by piece as it is written: the deltas of a chat model as the provider sends them, or,
 * for an answer that exists at once (extractive, nothing found), its text a few words at a time. Taken by one
 * request thread.
 */
public final class AnswerStream {

    static final int WORDS_PER_PIECE = 4;

    private final List<RetrievedChunk> citations;
    private final Deque<String> ready = new ArrayDeque<>();
    private final CompletionStream completion;
    private final Consumer<ChatAnswerer.Completion> onComplete;
    private boolean done;

    private AnswerStream(List<RetrievedChunk> citations, CompletionStream completion,
            Consumer<ChatAnswerer.Completion> onComplete) {
        this.citations = citations;
        this.completion = completion;
        this.onComplete = onComplete;
    }

    /** An answer that is complete already. */
    static AnswerStream of(Answer answer) {
        AnswerStream stream = new AnswerStream(answer.citations(), null, c -> {
        });
        stream.ready.addAll(pieces(answer.text()));
        stream.done = true;
        return stream;
    }

    /**
     * A chat model's answer whose first event has been received, and was not a failure.
     *
     * @param onComplete called once with the completion when the model has finished
     */
    static AnswerStream streaming(List<RetrievedChunk> citations, CompletionStream.Event first,
            CompletionStream completion, Consumer<ChatAnswerer.Completion> onComplete) {
        AnswerStream stream = new AnswerStream(citations, completion, onComplete);
        stream.accept(first);
        return stream;
    }

    /** The passages the answer may cite, in prompt order. */
    public List<RetrievedChunk> citations() {
        return citations;
    }

    /**
     * The next piece of the answer, waiting for the model if need be; empty once the answer is complete.
     *
     * @throws ChatUnavailableException when the model fails or falls silent midway
     */
    public Optional<String> next() {
        while (ready.isEmpty() && !done) {
            accept(completion.next());
        }
        return Optional.ofNullable(ready.poll());
    }

    private void accept(CompletionStream.Event event) {
        if (event instanceof CompletionStream.Delta delta) {
            ready.add(delta.text());
        } else if (event instanceof CompletionStream.Done finished) {
            done = true;
            onComplete.accept(finished.completion());
        } else {
            done = true;
            throw new ChatUnavailableException("the chat model stopped answering; try again later");
        }
    }

    /** Splits text into pieces of a few words, keeping every character, so that joined pieces equal the text. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        String[] words = text.split("(?<=\\s)(?=\\S)");
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            piece.append(words[i]);
            if ((i + 1) % WORDS_PER_PIECE == 0) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
        }
        return pieces;
    }
}
