package dev.tailor.finetune.training;

import org.eclipse.microprofile.config.ConfigProvider;

/** The provider's bearer header, from {@code tailor.finetune.provider.api-key} (none: local model-service asks for none). */
public final class ProviderKey {

    private ProviderKey() {
    }

    public static String bearer() {
        return "Bearer " + ConfigProvider.getConfig().getOptionalValue("tailor.finetune.provider.api-key", String.class)
                .orElse("none");
    }
}
