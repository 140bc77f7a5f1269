package io.lingxi.bench;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One simulated customer's conversation: the turns in order, each with what its first reply should show.
 *
 * @param name   short name used in the report
 * @param weight relative share of the conversations that run this script
 * @param turns  the customer's messages, sent one after the other, each once the previous one was answered
 */
public record Script(String name, String language, int weight, List<Turn> turns) {

    /**
     * A customer's message and a pattern its first reply is expected to match (found anywhere in the text); a
     * reply that does not match is counted as unexpected, not as an error.
     */
    public record Turn(String text, Pattern expect) {

        public static Turn of(String text, String expectRegex) {
            return new Turn(text, Pattern.compile(expectRegex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
        }

        public boolean expected(String reply) {
            return reply != null && expect.matcher(reply).find();
        }
    }
}
