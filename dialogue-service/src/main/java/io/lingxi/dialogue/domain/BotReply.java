package io.lingxi.dialogue.domain;

import io.lingxi.contracts.events.QuickReply;
import java.util.List;

/** A reply the bot sends, in the customer's language. */
public record BotReply(String text, List<QuickReply> quickReplies) {
}
