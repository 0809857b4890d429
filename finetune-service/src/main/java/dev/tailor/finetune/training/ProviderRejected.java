package dev.tailor.finetune.training;

/** The provider refused the request (4xx other than 408/429): repeating it changes nothing. */
public class ProviderRejected extends RuntimeException {

    private final int status;

    public ProviderRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
