package io.lingxi.analytics;

import static io.lingxi.analytics.AnalyticsKpiTest.conversation;
import static io.lingxi.analytics.AnalyticsKpiTest.handoff;
import static io.lingxi.analytics.AnalyticsKpiTest.knowledgeHit;
import static io.lingxi.analytics.AnalyticsKpiTest.received;
import static io.lingxi.analytics.AnalyticsKpiTest.handoffTimes;
import static io.lingxi.analytics.AnalyticsKpiTest.replyTo;
import static io.lingxi.analytics.AnalyticsKpiTest.send;
import static io.lingxi.analytics.AnalyticsKpiTest.understood;
import static io.restassured.RestAssured.given;
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
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/** An analyst opens the dashboard in a real (headless) Chromium after some traffic and sees it drawn. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics_test"))
@WithTestResource(JwtTestResource.class)
class DashboardBrowserTest {

    private static final String TENANT = "dashboard";

    @TestHTTPResource("/")
    URL base;

    HeadlessChromium chromium;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        chromium = HeadlessChromium.start(1280, 1600);
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theDashboardDrawsItsChartsFromTheTenantsTraffic() throws Exception {
        for (int i = 0; i < 3; i++) {
            String channel = i == 0 ? "app" : "web";
            String conversation = "dash-" + UUID.randomUUID();
            String message = "m-" + UUID.randomUUID();
            send(received(TENANT, channel, conversation, message, "我的快递到哪了", "09:0" + i + ":00"), TENANT, conversation);
            send(understood(TENANT, channel, conversation, message, "我的快递到哪了", "logistics",
                    i == 2 ? "negative" : "neutral", "09:0" + i + ":01"), TENANT, conversation);
            send(conversation(TENANT, channel, conversation, "STARTED", null, null, null, "09:0" + i + ":01"), TENANT,
                    conversation);
            send(replyTo(TENANT, channel, conversation, "BOT", message, "请提供订单号", "09:0" + i + ":02"), TENANT,
                    conversation);
            send(conversation(TENANT, channel, conversation, "TURN_COMPLETED", "logistics", i != 2, null,
                    "09:0" + i + ":02"), TENANT, conversation);
            send(conversation(TENANT, channel, conversation, "SURVEY_ANSWERED", null, null, 5 - i, "09:0" + i + ":09"),
                    TENANT, conversation);
        }
        String asked = "dash-" + UUID.randomUUID();
        send(knowledgeHit(TENANT, "web", asked, "ANSWERED", "faq-returns", "怎么退货"), TENANT, asked);
        String handedOff = "dash-" + UUID.randomUUID();
        send(handoff(TENANT, "web", handedOff, "QUEUED", 1000L, "09:05:00"), TENANT, handedOff);
        send(handoff(TENANT, "web", handedOff, "AGENT_ASSIGNED", 15000L, "09:05:15"), TENANT, handedOff);
        send(handoffTimes(TENANT, "web", handedOff, "CLOSED", 5000L, 90000L, "09:06:45"), TENANT, handedOff);

        String token = TestJwt.token(TENANT, "analyst");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> given().auth()
                .oauth2(token).get("/api/v1/analytics/summary").then().extract().jsonPath().getLong("totals.messages") == 3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> given().auth()
                .oauth2(token).get("/api/v1/analytics/hot-topics?from=2026-11-24&to=2026-11-24").then().extract()
                .jsonPath().getList("knowledge").size() == 1);

        browser.get(new URL(base, "/dashboard/?lang=zh#token=" + token).toString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(
                () -> "ready".equals(browser.findElement(By.tagName("body")).getAttribute("data-state")));

        assertThat(browser.getTitle()).contains("灵犀");
        for (String chart : List.of("chart-volume", "chart-channels", "chart-intents", "chart-csat", "chart-topics")) {
            Object drawn = browser.executeScript("const c = Chart.getChart(arguments[0]);"
                    + "return !!c && c.data.datasets.some(d => d.data.some(v => Number(v) > 0));", chart);
            assertThat(drawn).as("chart %s has data", chart).isEqualTo(true);
        }
        // the timing tiles: the bot answered each message after 2 s, the agent first after 5 s and handled 90 s
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
            return "90.0".equals(browser.findElement(By.id("kpi-handle")).getText())
                    && "2.0".equals(browser.findElement(By.id("kpi-bot-reply")).getText());
        });
        assertThat(browser.findElement(By.id("kpi-first-response")).getText()).isEqualTo("5.0");
        Object intentLabels = browser.executeScript("return Chart.getChart('chart-intents').data.labels;");
        assertThat(intentLabels.toString()).contains("logistics");

        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }
}
