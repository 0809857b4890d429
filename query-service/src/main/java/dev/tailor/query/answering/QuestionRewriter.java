package dev.tailor.query.answering;

import dev.tailor.query.chat.ChatCall;
import dev.tailor.query.chat.ChatProvider;
import dev.tailor.query.chat.ChatRejectedException;
import dev.tailor.query.chat.ChatUnavailableException;
import dev.tailor.query.chat.Generation;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.runtime.rag.Turn;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a follow-up ("Which customer pilots it?") into a question that retrieval can answer on its own ("Which
 * customer pilots Project Falcon?"). The chat model rewrites it when there is one. Without one, when the model fails,
 * or when its rewrite brings no word of the conversation into the question (small models often echo it), the fallback
 * is the previous user question followed by this one: hybrid search then matches the earlier subject's words too.
 */
@ApplicationScoped
public class QuestionRewriter {

    private static final Logger LOG = Logger.getLogger(QuestionRewriter.class);
    static final String INSTRUCTION = "Rewrite the last question so that it can be understood without the conversation. "
            + "Reply with the rewritten question only.";
    static final int TURNS = 4;
    static final int TURN_CHARS = 300;

    private final ChatProvider chat;
    private final QueryConfig.Chat config;

    QuestionRewriter(ChatProvider chat, QueryConfig config) {
        this.chat = chat;
        this.config = config.chat();
    }

    /** The question to retrieve with. */
    public String standalone(Conversation conversation) {
        if (!conversation.isFollowUp()) {
            return conversation.question();
        }
        if (chat.enabled()) {
            try {
                String rewritten = clean(chat.complete(new ChatCall(null, List.of(Turn.system(INSTRUCTION),
                        Turn.user(transcript(conversation))), new Generation(config.rewriteMaxTokens(), 0.0, null,
                        List.of(), null))).text());
                if (bringsInContext(rewritten, conversation)) {
                    return rewritten;
                }
                LOG.debugf("rewrite '%s' brings nothing of the conversation into '%s'; using the fallback", rewritten,
                        conversation.question());
            } catch (ChatUnavailableException | ChatRejectedException e) {
                LOG.debugf("no rewrite by the chat model (%s); using the fallback", e.getMessage());
            }
        }
        return fallback(conversation);
    }

    /** The previous user question, then this one. */
    static String fallback(Conversation conversation) {
        List<Turn> history = conversation.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).role().equals(Turn.USER)) {
                return history.get(i).content().strip() + "\n" + conversation.question().strip();
            }
        }
        return conversation.question();
    }

    static String transcript(Conversation conversation) {
        List<Turn> history = conversation.history();
        StringBuilder text = new StringBuilder("Conversation:\n");
        for (Turn turn : history.subList(Math.max(0, history.size() - TURNS), history.size())) {
            String content = turn.content().strip();
            text.append(turn.role().equals(Turn.USER) ? "User: " : "Assistant: ")
                    .append(content, 0, Math.min(content.length(), TURN_CHARS)).append('\n');
        }
        return text.append("\nLast question: ").append(conversation.question().strip()).toString();
    }

    /** The first line of the model's reply, without a label or quotes it may have added. */
    static String clean(String reply) {
        String line = reply.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        line = line.replaceFirst("(?i)^(rewritten|standalone)?\\s*question\\s*:\\s*", "");
        return line.replaceAll("^[\"'“]+|[\"'”]+$", "").strip();
    }

    /** Whether the rewrite has words of the earlier turns that the question lacks. */
    static boolean bringsInContext(String rewritten, Conversation conversation) {
        if (rewritten.isBlank() || rewritten.length() > 400) {
            return false;
        }
        Set<String> added = words(rewritten);
        added.removeAll(words(conversation.question()));
        added.retainAll(words(conversation.history().stream().map(Turn::content).collect(Collectors.joining(" "))));
        return !added.isEmpty();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 2).collect(Collectors.toSet());
    }
}
