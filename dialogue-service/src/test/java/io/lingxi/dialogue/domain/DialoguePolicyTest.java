package io.lingxi.dialogue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.contracts.events.HandoffRequested.Priority;
import io.lingxi.contracts.events.IntentScore;
import io.lingxi.dialogue.config.DialogueConfig.VipHandoff;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.events.QuickReply;
import io.lingxi.contracts.events.Sentiment;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialoguePolicyTest {

    private final DialoguePolicy policy = new DialoguePolicy();

    @Test
    void aMessageNotUnderstoodFirstGetsTheLikelyTopicsToChooseFrom() {
        Conversation conversation = conversation();
        DialoguePolicy.Decision decision = policy.decide(conversation, message("nlu_fallback",
                List.of(new IntentScore("nlu_fallback", 0.4), new IntentScore("refund", 0.35),
                        new IntentScore("return_exchange", 0.3), new IntentScore("invoice", 0.1))), "zh");
        assertThat(decision).isInstanceOf(DialoguePolicy.Clarify.class);
        assertThat(((DialoguePolicy.Clarify) decision).reply().quickReplies()).containsExactly(
                new QuickReply("退款", "我想退款"), new QuickReply("退换货", "怎么退货"));

        conversation.consecutiveFallbacks = 1; // asked once already: now the knowledge base tries
        assertThat(policy.decide(conversation, message("nlu_fallback",
                List.of(new IntentScore("nlu_fallback", 0.4), new IntentScore("refund", 0.35))), "zh"))
                .isInstanceOf(DialoguePolicy.AskKnowledge.class);
    }

    @Test
    void unlikelyRunnersUpAreNotOffered() {
        assertThat(policy.decide(conversation(), message("nlu_fallback",
                List.of(new IntentScore("nlu_fallback", 0.9), new IntentScore("refund", 0.05))), "en"))
                .isInstanceOf(DialoguePolicy.AskKnowledge.class);
    }

    @Test
    void complaintsAndRequestsForAHumanWinOverEverythingElse() {
        assertThat(policy.decide(conversation(), message("complaint", List.of()), "zh"))
                .isEqualTo(new DialoguePolicy.Handoff("complaint", "complaints",
                        io.lingxi.contracts.events.HandoffRequested.Priority.HIGH));
        Conversation queued = conversation();
        queued.status = ConversationStatus.QUEUED;
        assertThat(policy.decide(queued, message("greeting", List.of()), "zh")).isInstanceOf(DialoguePolicy.Silent.class);
    }

    @Test
    void vipsAreHandedOverAtOnceOnlyWhenTheTenantSaysSoAndOnlyOnce() {
        Conversation conversation = conversation();
        assertThat(DialoguePolicy.vipAtOnce(true, VipHandoff.IMMEDIATE, null)).isTrue();
        assertThat(DialoguePolicy.vipAtOnce(true, VipHandoff.IMMEDIATE, conversation)).isTrue();
        assertThat(DialoguePolicy.vipAtOnce(true, VipHandoff.FALLBACK, conversation)).isFalse();
        assertThat(DialoguePolicy.vipAtOnce(false, VipHandoff.IMMEDIATE, conversation)).isFalse();
        conversation.vipHandedOff = true;
        assertThat(DialoguePolicy.vipAtOnce(true, VipHandoff.IMMEDIATE, conversation)).isFalse();

        assertThat(policy.decide(conversation(), message("greeting", List.of()), "zh", true))
                .isEqualTo(new DialoguePolicy.Handoff("vip", "general", Priority.HIGH));
        Conversation withAgent = conversation();
        withAgent.status = ConversationStatus.WITH_AGENT;
        assertThat(policy.decide(withAgent, message("greeting", List.of()), "zh", true))
                .isInstanceOf(DialoguePolicy.Silent.class);
    }

    @Test
    void aVipsHandoffIsRaisedToTheVipPriorityNeverLowered() {
        assertThat(DialoguePolicy.forVip(new DialoguePolicy.Handoff("customer_request", "general", Priority.NORMAL),
                Priority.HIGH, "vip")).isEqualTo(new DialoguePolicy.Handoff("customer_request", "vip", Priority.HIGH));
        assertThat(DialoguePolicy.forVip(new DialoguePolicy.Handoff("complaint", "complaints", Priority.URGENT),
                Priority.HIGH, null)).isEqualTo(new DialoguePolicy.Handoff("complaint", "complaints", Priority.URGENT));
    }

    @Test
    void aMessageThatIsOnlyAnOrderNumberKeepsTheConversationsLanguage() {
        MessageUnderstood number = new MessageUnderstood("m", "demo", "web", "c", "cust", "A2024112401", "en",
                new IntentScore("nlu_fallback", 0.5), List.of(), List.of(new io.lingxi.contracts.events.Entity(
                        "order_number", "A2024112401", "A2024112401", 0, 11)), Sentiment.NEUTRAL, "test", null);
        assertThat(Replies.languageFor("zh", number)).isEqualTo("zh");
        assertThat(Replies.languageFor(null, number)).isEqualTo("en");
        MessageUnderstood english = new MessageUnderstood("m", "demo", "web", "c", "cust", "where is A2024112401", "en",
                new IntentScore("order_status", 0.9), List.of(), List.of(new io.lingxi.contracts.events.Entity(
                        "order_number", "A2024112401", "A2024112401", 9, 20)), Sentiment.NEUTRAL, "test", null);
        assertThat(Replies.languageFor("zh", english)).isEqualTo("en");
    }

    private static Conversation conversation() {
        Conversation conversation = new Conversation();
        conversation.status = ConversationStatus.BOT;
        return conversation;
    }

    private static MessageUnderstood message(String intent, List<IntentScore> ranking) {
        return new MessageUnderstood("m", "demo", "web", "c", "cust", "嗯嗯", "zh", new IntentScore(intent, 0.5),
                ranking, List.of(), Sentiment.NEUTRAL, "test", null);
    }
}
