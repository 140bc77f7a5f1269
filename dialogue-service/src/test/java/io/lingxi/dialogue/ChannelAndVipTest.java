package io.lingxi.dialogue;

import static io.lingxi.dialogue.DialogueEvents.awaitRecords;
import static io.lingxi.dialogue.DialogueEvents.fromChannel;
import static io.lingxi.dialogue.DialogueEvents.handoffEvent;
import static io.lingxi.dialogue.DialogueEvents.knowledgeAnswer;
import static io.lingxi.dialogue.DialogueEvents.newConversation;
import static io.lingxi.dialogue.DialogueEvents.recordsFor;
import static io.lingxi.dialogue.DialogueEvents.understood;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.Topics;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The channel's details (type, customer profile, phone call) travel into handoff requests, and VIP customers reach
 * a human sooner and first. Tenant "demo" hands VIPs over at their first unanswered turn (the default), tenant
 * "viptenant" at their first message; VIP handoffs go to the "vip" skill group (test configuration).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dialogue_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(FakeOrderSystem.class)
class ChannelAndVipTest {

    private static final String PHONE_CUSTOMER = """
            "channelType":"phone","callId":"call-7","customer":{"name":"张三","vipLevel":null,"externalId":"crm-42"}""";
    private static final String VIP = """
            "channelType":"wechat-oa","customer":{"name":"李四","vipLevel":"gold","externalId":"crm-88"}""";

    @Inject
    ObjectMapper mapper;

    @Test
    void theHandoffRequestCarriesTheChannelTypeCustomerAndCallFromEarlierMessages() throws Exception {
        String conversation = newConversation();
        fromChannel("demo", conversation, "你好", "zh", "greeting", PHONE_CUSTOMER);
        awaitRecords(Topics.REPLY, conversation, 1);
        // the second message carries no channel details: the conversation remembers them
        understood("demo", conversation, "转人工", "zh", "request_human", "[]");

        JsonNode request = json(awaitRecords(Topics.HANDOFF_REQUESTED, conversation, 1).get(0));
        assertThat(request.get("channelType").asText()).isEqualTo("phone");
        assertThat(request.get("callId").asText()).isEqualTo("call-7");
        assertThat(request.at("/customer/externalId").asText()).isEqualTo("crm-42");
        assertThat(request.at("/customer/name").asText()).isEqualTo("张三");
        assertThat(request.get("priority").asText()).isEqualTo("NORMAL"); // not a VIP
        assertThat(request.get("skillGroup").asText()).isEqualTo("general");
    }

    @Test
    void aVipWhomTheBotCannotAnswerGoesToTheVipGroupAtOnceWithHighPriority() throws Exception {
        String conversation = newConversation();
        String question = fromChannel("demo", conversation, "积分怎么兑换机票", "zh", "nlu_fallback", VIP);
        knowledgeAnswer("demo", conversation, question, "UNANSWERED", "[]");

        assertThat(json(awaitRecords(Topics.REPLY, conversation, 1).get(0)).get("text").asText())
                .isEqualTo("尊敬的会员您好，正在为您优先转接人工客服，请稍候。");
        JsonNode request = json(awaitRecords(Topics.HANDOFF_REQUESTED, conversation, 1).get(0));
        assertThat(request.get("reason").asText()).isEqualTo("vip");
        assertThat(request.get("priority").asText()).isEqualTo("HIGH");
        assertThat(request.get("skillGroup").asText()).isEqualTo("vip");
        assertThat(request.at("/customer/vipLevel").asText()).isEqualTo("gold");
        assertThat(request.get("channelType").asText()).isEqualTo("wechat-oa");
    }

    @Test
    void aVipAskingForAHumanIsQueuedWithHighPriority() throws Exception {
        String conversation = newConversation();
        fromChannel("demo", conversation, "转人工", "zh", "request_human", VIP);
        JsonNode request = json(awaitRecords(Topics.HANDOFF_REQUESTED, conversation, 1).get(0));
        assertThat(request.get("reason").asText()).isEqualTo("customer_request");
        assertThat(request.get("priority").asText()).isEqualTo("HIGH");
        assertThat(request.get("skillGroup").asText()).isEqualTo("vip");
    }

    @Test
    void aTenantCanHandVipsToAHumanAtTheirFirstMessageOnlyOnce() throws Exception {
        String conversation = newConversation();
        fromChannel("viptenant", conversation, "hello", "en", "greeting", VIP);
        assertThat(json(awaitRecords(Topics.REPLY, conversation, 1).get(0)).get("text").asText())
                .startsWith("As one of our valued members, you're being connected to a human agent right away.");
        JsonNode request = json(awaitRecords(Topics.HANDOFF_REQUESTED, conversation, 1).get(0));
        assertThat(request.get("reason").asText()).isEqualTo("vip");
        assertThat(request.get("priority").asText()).isEqualTo("HIGH");

        // the agent gives the conversation back: the bot serves the VIP from now on
        handoffEvent("viptenant", conversation, "AGENT_ASSIGNED");
        handoffEvent("viptenant", conversation, "RETURNED_TO_BOT");
        awaitRecords(Topics.REPLY, conversation, 2);
        fromChannel("viptenant", conversation, "thanks", "en", "thanks", VIP);
        assertThat(json(awaitRecords(Topics.REPLY, conversation, 3).get(2)).get("text").asText())
                .startsWith("You're welcome");
        assertThat(recordsFor(Topics.HANDOFF_REQUESTED, conversation)).hasSize(1);

        // a regular customer of the same tenant is greeted by the bot
        String regular = newConversation();
        fromChannel("viptenant", regular, "你好", "zh", "greeting", PHONE_CUSTOMER);
        assertThat(json(awaitRecords(Topics.REPLY, regular, 1).get(0)).get("text").asText()).startsWith("您好！我是灵犀智能客服");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> recordsFor(Topics.HANDOFF_REQUESTED, regular).isEmpty());
    }

    private JsonNode json(ConsumerRecord<String, String> record) throws Exception {
        return mapper.readTree(record.value());
    }
}
