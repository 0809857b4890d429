package dev.tailor.tools;

import dev.tailor.tools.corpus.PublishCorpus;

import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of {@code tailor-tools.jar}: {@code java -jar tailor-tools.jar <command> [args]}. Benchmarks are
 * main classes of their own under {@code dev.tailor.tools.bench}, run by {@code dev/bench}.
 */
public final class Main {

    interface Command {
        int run(String[] args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = Map.of(
            "publish-corpus", PublishCorpus::run);

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            System.err.println("usage: java -jar tailor-tools.jar <command> [args]; commands: " + COMMANDS.keySet());
            System.exit(2);
        }
        System.exit(COMMANDS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length)));
    }
}
