package dev.tailor.query.console;

import java.util.Map;

/**
 * The console's runtime configuration as the browser reads it.
 *
 * @param services base URL of each service the browser calls with the user's token; query-service is the page's own
 *                 origin ("")
 */
public record ConsoleSettings(String oidcUrl, String clientId, Map<String, String> services) {

    static ConsoleSettings of(ConsoleConfig config) {
        return new ConsoleSettings(config.oidcUrl(), config.clientId(), Map.of(
                "query", "",
                "ingest", withoutTrailingSlash(config.ingestUrl()),
                "finetune", withoutTrailingSlash(config.finetuneUrl())));
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
