package io.lingxi.handoff;

import static io.lingxi.handoff.AgentDeskTest.agent;
import static io.lingxi.handoff.AgentDeskTest.awaitHandoffEvent;
import static io.lingxi.handoff.AgentDeskTest.awaitReplyContaining;
import static io.lingxi.handoff.AgentDeskTest.group;
import static io.lingxi.handoff.AgentDeskTest.reply;
import static io.lingxi.handoff.AgentDeskTest.requestHandoff;
import static io.lingxi.handoff.AgentDeskTest.tenant;
import static io.lingxi.handoff.AgentDeskTest.understood;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lingxi.testing.HeadlessChromium;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The agent console in headless Chromium: an agent logs in, sets status away (no automatic routing), accepts the
 * waiting conversation, sees the earlier bot conversation and the summary, and replies; the reply goes out on
 * {@code cs.reply.v1} as the agent's.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "handoff_test"))
@WithTestResource(JwtTestResource.class)
class ConsoleBrowserTest {

    @TestHTTPResource("/")
    URL base;

    HeadlessChromium chromium;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        chromium = HeadlessChromium.start(1280, 860);
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAgentLogsInAcceptsTheWaitingConversationSeesItsHistoryAndReplies() throws Exception {
        String tenant = tenant();
        String admin = TestJwt.token(tenant, "admin");
        group(admin, "after_sales", "售后");
        String agentId = agent(admin, "小李", "li", List.of("after_sales"), List.of("zh"), 3);
        String conversation = "conv-" + UUID.randomUUID();
        understood(tenant, conversation, "m-1", "我买的耳机坏了想退货", "return_goods", -0.4);
        reply(tenant, conversation, "r-1", "BOT", "很抱歉给您带来不便，请问订单号是多少？");
        requestHandoff(tenant, conversation, "m-2", "zh", "after_sales", null);
        awaitHandoffEvent(conversation, "QUEUED");

        browser.get(new URL(base, "/console/").toString());
        // under load the page may still be loading when get() returns
        awaitUntil(() -> assertThat(browser.getTitle()).isEqualTo("灵犀坐席工作台"));
        awaitElement(By.id("login-tenant")).sendKeys(tenant);
        browser.findElement(By.id("login-username")).sendKeys("li");
        browser.findElement(By.id("login-password")).sendKeys("secret-pass-1", Keys.ENTER);
        awaitUntil(() -> assertThat(browser.findElement(By.id("agent-name")).getText()).isEqualTo("小李"));

        new Select(browser.findElement(By.id("status"))).selectByValue("AWAY");
        // the lists re-render on every push: find and click in one go, again if the button was just replaced
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> browser.findElement(
                By.cssSelector("#queue-list button.accept[data-conversation='" + conversation + "']")).click());

        awaitUntil(() -> assertThat(transcript()).contains("我买的耳机坏了想退货", "很抱歉给您带来不便，请问订单号是多少？"));
        awaitUntil(() -> assertThat(browser.findElement(By.id("summary-panel")).getText()).contains("return_goods"));
        assertThat(browser.findElement(By.id("customer-panel")).getText()).contains("王女士");
        assertThat(browser.findElement(By.cssSelector("#conversation-list li.selected")).getAttribute("data-conversation"))
                .isEqualTo(conversation);

        WebElement composer = awaitElement(By.id("composer"));
        composer.sendKeys("您好，我是小李，马上为您办理退货。", Keys.ENTER);
        ConsumerRecord<String, String> sent = awaitReplyContaining(conversation, "马上为您办理退货");
        assertThat(JsonPath.from(sent.value()).getString("sender")).isEqualTo("AGENT");
        assertThat(JsonPath.from(sent.value()).getString("agentId")).isEqualTo(agentId);
        awaitUntil(() -> assertThat(transcript()).contains("您好，我是小李，马上为您办理退货。"));

        // the customer's answer shows up live
        understood(tenant, conversation, "m-3", "订单号 778899", "provide_order", 0.0);
        awaitUntil(() -> assertThat(transcript()).contains("订单号 778899"));

        browser.findElement(By.cssSelector("#desk-view .lang-toggle")).click();
        awaitUntil(() -> assertThat(browser.findElement(By.id("send")).getText()).isEqualTo("Send"));
        Files.write(Path.of("target", "agent-console.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private List<String> transcript() {
        return browser.findElements(By.cssSelector("#transcript li")).stream()
                .map(li -> li.getText().replaceFirst("^[^\\n]*\\n", "").trim()).toList();
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

    private static void awaitUntil(org.awaitility.core.ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(assertion);
    }
}
