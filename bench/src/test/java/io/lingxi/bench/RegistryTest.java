package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    private final Registry registry = new Registry();
    private final List<TurnRecord> firstReplies = new ArrayList<>();

    private TurnRecord send(String messageId, long sentNanos) {
        TurnRecord record = new TurnRecord("open", "zh-faq", 0, messageId, Script.Turn.of("你好", "您好"), 0, sentNanos);
        registry.sent(record, firstReplies::add);
        return record;
    }

    @Test
    void aReplyIsMatchedToItsMessageAndItsLatencyIsFromTheRequestStart() {
        TurnRecord record = send("m-1", 1_000_000);
        registry.reply("m-1", "r-1", "bot", "您好！我是灵犀智能客服", 251_000_000, 99);

        assertThat(firstReplies).containsExactly(record);
        assertThat(record.latencyMicros()).isEqualTo(250_000);
        assertThat(record.unexpected()).isFalse();
        assertThat(record.duplicates).isZero();
    }

    @Test
    void theSameReplyTwiceOrTheSameTextUnderAnotherIdIsADuplicate() {
        TurnRecord record = send("m-1", 0);
        registry.reply("m-1", "r-1", "bot", "您好", 10, 0);
        registry.reply("m-1", "r-1", "bot", "您好", 20, 0);
        registry.reply("m-1", "r-2", "bot", "您好", 30, 0);
        registry.reply("m-1", "r-3", "system", "正在为您转接人工客服", 40, 0);

        assertThat(record.duplicates).isEqualTo(2);
        assertThat(record.replies).isEqualTo(2); // the bot's answer and a distinct system notice
        assertThat(record.firstReplyNanos).isEqualTo(10);
        assertThat(firstReplies).hasSize(1);
    }

    @Test
    void theCustomersOwnLinesAndRepliesToUnknownMessagesAreNotReplies() {
        TurnRecord record = send("m-1", 0);
        registry.reply(null, "m-1", "customer", "你好", 10, 0);
        registry.reply("someone-else", "r-9", "bot", "hi", 10, 0);

        assertThat(record.answered()).isFalse();
        assertThat(registry.strayReplies()).isEqualTo(1);
    }

    @Test
    void aReplyThatDoesNotMatchTheExpectationIsUnexpected() {
        TurnRecord record = send("m-1", 0);
        registry.reply("m-1", "r-1", "bot", "请提供您的订单号", 10, 0);
        assertThat(record.unexpected()).isTrue();
    }
}
