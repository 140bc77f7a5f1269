package io.lingxi.gateway;

import static io.lingxi.gateway.GatewayTestSupport.awaitUntil;
import static io.lingxi.gateway.GatewayTestSupport.channel;
import static io.lingxi.gateway.GatewayTestSupport.eventsOf;
import static io.lingxi.gateway.GatewayTestSupport.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.contracts.Topics;
import io.lingxi.testing.HeadlessChromium;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The demo page in headless Chromium (Debian's chromium and chromium-driver): a visitor asks, sees the reply,
 * reloads and sees the history, clicks a quick reply. The test plays the bot on {@code cs.reply.v1}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class WebChatBrowserTest {


    @TestHTTPResource("/")
    URL base;

    HeadlessChromium chromium;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        chromium = HeadlessChromium.start(412, 860);
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aVisitorAsksSeesTheReplyReloadsSeesTheHistoryAndClicksAQuickReply() throws Exception {
        String[] ch = channel("demo-web", "{\"type\":\"web\"}");
        browser.get(new URL(base, "/demo/index.html?open=1&channel=" + ch[0]).toString());
        WebElement input = awaitElement(By.cssSelector(".lx-input"));
        assertThat(browser.findElement(By.cssSelector(".lx-panel")).getAttribute("aria-label")).isEqualTo("在线客服");
        awaitUntil(() -> assertThat(browser.findElement(By.cssSelector(".lx-status")).isDisplayed()).isFalse());
        input.sendKeys("我想查订单", Keys.ENTER);

        // the bot answers the customer's message
        awaitUntil(() -> assertThat(messagesOf(ch[0], "我想查订单")).hasSize(1));
        String conversation = JsonPath.from(messagesOf(ch[0], "我想查订单").get(0).value()).getString("conversationId");
        String replyId = UUID.randomUUID().toString();
        reply(replyId, replyId, ch[0], conversation, "好的，请提供您的订单号。",
                "[{\"label\":\"查物流\",\"payload\":\"查物流\"},{\"label\":\"转人工\",\"payload\":\"转人工\"}]");
        awaitUntil(() -> assertThat(texts()).containsExactly("我想查订单", "好的，请提供您的订单号。"));
        Files.write(Path.of("target", "webchat-reply.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.navigate().refresh();
        awaitElement(By.cssSelector(".lx-input"));
        awaitUntil(() -> assertThat(texts()).containsExactly("我想查订单", "好的，请提供您的订单号。"));

        awaitElement(By.xpath("//li[contains(@class,'lx-quick')]/button[text()='查物流']")).click();
        awaitUntil(() -> assertThat(messagesOf(ch[0], "\"text\":\"查物流\"")).hasSize(1));
        awaitUntil(() -> assertThat(texts()).containsExactly("我想查订单", "好的，请提供您的订单号。", "查物流"));
        Files.write(Path.of("target", "webchat-history.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private List<String> texts() {
        return browser.findElements(By.cssSelector("li.lx-msg")).stream()
                .map(li -> li.getText().replaceFirst("^(我|客服|You|Agent): ", "").trim()).toList();
    }

    private WebElement awaitElement(By selector) {
        WebElement[] found = new WebElement[1];
        awaitUntil(() -> {
            List<WebElement> elements = browser.findElements(selector);
            assertThat(elements).isNotEmpty();
            assertThat(elements.get(0).isDisplayed()).isTrue();
            found[0] = elements.get(0);
        });
        return found[0];
    }

    private static List<ConsumerRecord<String, String>> messagesOf(String channelId, String marker) {
        return eventsOf(Topics.MESSAGE_RECEIVED, marker).stream()
                .filter(r -> r.value().contains("\"channelId\":\"" + channelId + "\"")).toList();
    }
}
