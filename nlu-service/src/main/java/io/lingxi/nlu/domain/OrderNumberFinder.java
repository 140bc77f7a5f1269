package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds order numbers of the demo shape (one or two letters and 8–12 digits, e.g. A2024112401). */
public final class OrderNumberFinder {

    private static final Pattern ORDER_NUMBER = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{1,2}\\d{8,12}(?![A-Za-z0-9])");

    public List<Entity> find(String text) {
        List<Entity> entities = new ArrayList<>();
        Matcher matcher = ORDER_NUMBER.matcher(text);
        while (matcher.find()) {
            entities.add(new Entity("order_number", matcher.group().toUpperCase(Locale.ROOT),
                    matcher.group(), matcher.start(), matcher.end()));
        }
        return entities;
    }
}
