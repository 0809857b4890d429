package dev.tailor.finetune.training;

/** The provider could not answer now (I/O, 408, 429, 5xx): worth retrying. */
public class ProviderUnavailable extends RuntimeException {

    public ProviderUnavailable(String message) {
        super(message);
    }
}
