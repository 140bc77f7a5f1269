package io.lingxi.gateway.delivery;

/** The outcome of one attempt to deliver a reply. */
public record Attempt(Outcome outcome, String error) {

    public enum Outcome {
        DELIVERED,
        /** Try again later (network, 5xx, rate limited). */
        RETRY,
        /** Will never work (outside WeChat's 48-hour window, channel misconfigured): fail at once. */
        GIVE_UP
    }

    public static Attempt delivered() {
        return new Attempt(Outcome.DELIVERED, null);
    }

    public static Attempt retry(String error) {
        return new Attempt(Outcome.RETRY, error);
    }

    public static Attempt giveUp(String error) {
        return new Attempt(Outcome.GIVE_UP, error);
    }
}
