package dev.tailor.query.routing;

import java.util.Optional;

/** The strategy actually used and, for the fine-tuned strategies, the model to send to the provider. */
public record Route(Strategy strategy, Optional<String> model) {

    public Route {
        if (strategy == Strategy.AUTO || strategy.needsFineTunedModel() != model.isPresent()) {
            throw new IllegalArgumentException("a route is concrete, with a model exactly when it needs one: " + strategy + " " + model);
        }
    }

    public static Route of(Strategy strategy) {
        return new Route(strategy, Optional.empty());
    }

    public static Route fineTuned(Strategy strategy, String model) {
        return new Route(strategy, Optional.of(model));
    }
}
