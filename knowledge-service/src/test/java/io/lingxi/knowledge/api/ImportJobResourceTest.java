package io.lingxi.knowledge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.lingxi.knowledge.IndexDirectoryTestResource;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bulk imports as background jobs: progress, all or nothing (bad rows, a failure in the middle of the writes, a
 * stopped instance), one import per tenant, tenant isolation, CSV as Excel writes it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "knowledge_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(IndexDirectoryTestResource.class)
class ImportJobResourceTest {

    private static final String BASE = "/api/v1/knowledge";
    private static final Set<String> FINISHED = Set.of("succeeded", "failed");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBigImportRunsInTheBackgroundShowsItsProgressAndAppearsOnlyWhenCommitted() throws SQLException {
        String editor = TestJwt.token("big", "editor");
        createEntry(editor, "big-01999", "旧的问题", "旧的答案");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            if (i == 2718) {
                file.append("{\"id\":\"big-02718\",\"question\":\"宠物可以带进门店吗？\",\"answer\":\"导盲犬以外的宠物暂不能进店。\",\"language\":\"zh\",\"status\":\"published\"}\n");
                continue;
            }
            file.append("{\"id\":\"big-%05d\",\"question\":\"第 %d 号仓库在哪里？\",\"answer\":\"第 %d 号仓库在园区 %d 栋。\",\"language\":\"zh\",\"status\":\"published\"}\n"
                    .formatted(i, i, i, i % 40));
        }
        String location;
        try (Connection db = dataSource.getConnection()) {
            // an editor's transaction holds the row that the file's 2,000th line replaces: the import waits there
            db.setAutoCommit(false);
            try (Statement lock = db.createStatement()) {
                lock.executeQuery("SELECT id FROM faq_entry WHERE id = 'big-01999' FOR UPDATE").close();
            }
            location = given().auth().oauth2(editor).contentType("application/x-ndjson")
                    .body(file.toString().getBytes(StandardCharsets.UTF_8)).post(BASE + "/imports").then()
                    .statusCode(202)
                    .header("Location", containsString("/api/v1/knowledge/imports/"))
                    .body("status", equalTo("queued")).body("total", equalTo(3000)).body("format", equalTo("jsonl"))
                    .extract().header("Location");

            // rows are written in batches, each batch reported: the three before the held row are done
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().auth().oauth2(editor).get(location).then().statusCode(200)
                            .body("status", equalTo("running")).body("phase", equalTo("writing"))
                            .body("processed", equalTo(1500)).body("total", equalTo(3000)));
            // nothing of the file is visible before the whole file is committed
            given().auth().oauth2(editor).get(BASE + "/entries/big-00000").then().statusCode(404);
            given().auth().oauth2(editor).get(BASE + "/entries/big-01999").then().statusCode(200)
                    .body("question", equalTo("旧的问题"));

            // one import per tenant at a time
            given().auth().oauth2(editor).contentType("application/x-ndjson")
                    .body("{\"question\":\"又一个\",\"answer\":\"答案\",\"language\":\"zh\"}".getBytes(StandardCharsets.UTF_8))
                    .post(BASE + "/imports").then()
                    .statusCode(409).contentType(containsString("application/problem+json"))
                    .body("detail", containsString(location.substring(location.lastIndexOf('/') + 1)));
            // another tenant neither sees the job nor waits for it
            String stranger = TestJwt.token("big-other", "editor");
            given().auth().oauth2(stranger).get(location).then().statusCode(404)
                    .contentType(containsString("application/problem+json"));
            given().auth().oauth2(stranger).get(BASE + "/imports").then().statusCode(200).body("$", empty());
            JsonPath other = importAndWait(stranger, "application/x-ndjson",
                    "{\"id\":\"big-other-1\",\"question\":\"几点发货？\",\"answer\":\"下午 4 点前下单当天发货。\",\"language\":\"zh\"}\n");
            assertThat(other.getString("status")).isEqualTo("succeeded");
            db.rollback();
        }

        JsonPath done = finished(editor, location);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getInt("processed")).isEqualTo(3000);
        assertThat(done.getInt("created")).isEqualTo(2999);
        assertThat(done.getInt("updated")).isEqualTo(1);
        assertThat(done.getList("errors")).isEmpty();
        given().auth().oauth2(editor).get(BASE + "/entries/big-01999").then().statusCode(200)
                .body("question", equalTo("第 1999 号仓库在哪里？")).body("version", equalTo(2));
        search(TestJwt.token("big", "agent"), "宠物可以带进门店吗").body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("big-02718"));
        given().auth().oauth2(editor).get(BASE + "/imports").then().statusCode(200)
                .body("[0].status", equalTo("succeeded")).body("[0].total", equalTo(3000));
    }

    @Test
    void aFileWithBadRowsFailsWithTheLinesToFixAndChangesNothing() {
        String editor = TestJwt.token("imp", "editor");
        createEntry(editor, "imp-kept", "能开发票吗？", "可以，在订单页申请。");
        String jsonl = """
                {"id":"imp-hours","question":"几点开门？","answer":"每天 10 点开门。","language":"zh","status":"published"}
                {"id":"imp-bad","question":"","answer":"x","language":"de"}

                not json at all
                {"id":"imp-hours","question":"又一个","answer":"重复的 id","language":"zh"}
                {"id":"demo-zh-returns","question":"抢别人的 id","answer":"x","language":"zh"}
                {"id":"imp-kept","question":"改过的问题","answer":"改过的答案","language":"zh"}
                """;
        JsonPath failed = importAndWait(editor, "application/x-ndjson", jsonl);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("reason")).contains("rejected", "nothing was imported");
        assertThat(failed.getInt("rejected")).isEqualTo(4);
        assertThat(failed.getList("errors.line", Integer.class)).containsExactly(2, 4, 5, 6);
        assertThat(failed.getList("errors[0].errors", String.class))
                .anySatisfy(e -> assertThat(e).contains("language"))
                .anySatisfy(e -> assertThat(e).contains("question"));
        assertThat(failed.getString("errors[1].errors[0]")).contains("JSON");
        assertThat(failed.getString("errors[2].errors[0]")).contains("more than once");
        assertThat(failed.getString("errors[3].errors[0]")).contains("taken");
        given().auth().oauth2(editor).get(BASE + "/entries/imp-hours").then().statusCode(404);
        given().auth().oauth2(editor).get(BASE + "/entries/imp-kept").then().body("question", equalTo("能开发票吗？"))
                .body("version", equalTo(1));

        // fixing the fields leaves another tenant's id: still rejected, with its line
        String taken = """
                {"id":"imp-hours","question":"几点开门？","answer":"每天 10 点开门。","language":"zh","status":"published"}
                {"id":"demo-zh-returns","question":"抢别人的 id","answer":"x","language":"zh"}
                """;
        JsonPath stillFailed = importAndWait(editor, "application/x-ndjson", taken);
        assertThat(stillFailed.getString("status")).isEqualTo("failed");
        assertThat(stillFailed.getList("errors.line", Integer.class)).containsExactly(2);
        assertThat(stillFailed.getString("errors[0].errors[0]")).contains("taken");
        given().auth().oauth2(editor).get(BASE + "/entries/imp-hours").then().statusCode(404);

        String fixed = """
                {"id":"imp-hours","question":"几点开门？","answer":"每天 10 点开门。","language":"zh","status":"published"}
                {"question":"How late are you open?","answer":"Until 22:00.","language":"en","status":"published"}
                """;
        JsonPath done = importAndWait(editor, "application/x-ndjson", fixed);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getInt("created")).isEqualTo(2);
        search(TestJwt.token("imp", "agent"), "你们几点开门").body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("imp-hours"));
        given().auth().oauth2(editor).get(BASE + "/entries/imp-hours/versions").then()
                .body("change", equalTo(List.of("imported")));

        given().auth().oauth2(editor).contentType("application/x-ndjson").body("\n\n".getBytes(StandardCharsets.UTF_8))
                .post(BASE + "/imports").then().statusCode(400).body("errors[0].field", equalTo("body"));
        given().auth().oauth2(TestJwt.token("imp", "agent")).contentType("application/x-ndjson")
                .body(fixed.getBytes(StandardCharsets.UTF_8)).post(BASE + "/imports").then().statusCode(403);
        given().auth().oauth2(editor).get(BASE + "/imports/no-such-job").then().statusCode(404);
    }

    @Test
    void aFailureInTheMiddleOfTheWritesLeavesTheKnowledgeBaseUnchanged() throws SQLException {
        String editor = TestJwt.token("midway", "editor");
        createEntry(editor, "midway-00600", "原来的问题", "原来的答案");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            file.append("{\"id\":\"midway-%05d\",\"question\":\"问题 %d\",\"answer\":\"答案 %d\",\"language\":\"zh\"}\n"
                    .formatted(i, i, i));
        }
        String location;
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (Statement lock = db.createStatement()) {
                lock.executeQuery("SELECT id FROM faq_entry WHERE id = 'midway-00600' FOR UPDATE").close();
            }
            location = given().auth().oauth2(editor).contentType("application/x-ndjson")
                    .body(file.toString().getBytes(StandardCharsets.UTF_8)).post(BASE + "/imports").then()
                    .statusCode(202).extract().header("Location");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().auth().oauth2(editor).get(location).then()
                            .body("phase", equalTo("writing")).body("processed", equalTo(500)));
            // meanwhile another tenant's entry takes an id of the third batch, which the import has not reached yet:
            // its insert will fail there, after two batches went to the database
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO faq_entry (id, tenant_id, question, "
                    + "answer, language) VALUES ('midway-01200', 'midway-rival', '抢先', '抢先', 'zh')")) {
                insert.executeUpdate();
            }
            db.commit();
        }
        JsonPath failed = finished(editor, location);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("reason")).contains("taken", "nothing was imported");
        assertThat(failed.getInt("created")).isZero();
        // neither the batches already sent to the database nor the replaced entry changed
        given().auth().oauth2(editor).get(BASE + "/entries/midway-00000").then().statusCode(404);
        given().auth().oauth2(editor).get(BASE + "/entries/midway-00600").then().statusCode(200)
                .body("question", equalTo("原来的问题")).body("version", equalTo(1));
        given().auth().oauth2(editor).get(BASE + "/entries/midway-00600/versions").then().body("$", hasSize(1));
        given().auth().oauth2(editor).get(BASE + "/entries?size=200").then().body("id", equalTo(List.of("midway-00600")));
    }

    @Test
    void anImportThatWasRunningWhenItsInstanceStoppedIsReportedAndNoLongerBlocks() throws SQLException {
        String stopped = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        try (Connection db = dataSource.getConnection();
                PreparedStatement insert = db.prepareStatement("INSERT INTO import_job (id, tenant_id, status, phase, "
                        + "format, total, processed, heartbeat_at) VALUES (?, ?, 'running', ?, 'csv', 800, 500, "
                        + "now() - interval '10 minutes')")) {
            insert.setString(1, stopped);
            insert.setString(2, "restarted");
            insert.setString(3, "writing");
            insert.executeUpdate();
            insert.setString(1, committed);
            insert.setString(2, "restarted-late");
            insert.setString(3, "indexing");
            insert.executeUpdate();
        }
        String editor = TestJwt.token("restarted", "editor");
        given().auth().oauth2(editor).get(BASE + "/imports/" + stopped).then().statusCode(200)
                .body("status", equalTo("failed")).body("phase", equalTo("done"))
                .body("reason", containsString("restarted")).body("reason", containsString("nothing was imported"))
                .body("finishedAt", notNullValue());
        // its rows had been committed: the import did happen
        given().auth().oauth2(TestJwt.token("restarted-late", "editor")).get(BASE + "/imports/" + committed).then()
                .statusCode(200).body("status", equalTo("succeeded"));
        JsonPath next = importAndWait(editor, "application/x-ndjson",
                "{\"id\":\"restarted-1\",\"question\":\"重启后还能导入吗？\",\"answer\":\"能。\",\"language\":\"zh\"}\n");
        assertThat(next.getString("status")).isEqualTo("succeeded");
    }

    @Test
    void csvAsExcelWritesItImportsAndExportsRoundTrip() {
        String editor = TestJwt.token("csv", "editor");
        String csv = "\uFEFFid,question,similarQuestions,answer,language,category,tags,keywords,status\r\n"
                + "csv-pay,支持哪些付款方式？,可以用微信支付吗 | 能刷信用卡吗,\"支持微信、支付宝，\r\n以及信用卡。\",zh,payment,,,published\r\n"
                + "csv-en,\"Do you take \"\"Apple Pay\"\"?\",,\"Not yet, sorry.\",en,payment,,,published\r\n";
        JsonPath done = importAndWait(editor, "text/csv", csv);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getString("format")).isEqualTo("csv");
        assertThat(done.getInt("created")).isEqualTo(2);
        given().auth().oauth2(editor).get(BASE + "/entries/csv-pay").then().statusCode(200)
                .body("similarQuestions", equalTo(List.of("可以用微信支付吗", "能刷信用卡吗")))
                .body("answer", equalTo("支持微信、支付宝，\r\n以及信用卡。"));
        given().auth().oauth2(editor).get(BASE + "/entries/csv-en").then().body("question", equalTo("Do you take \"Apple Pay\"?"));
        search(TestJwt.token("csv", "agent"), "能用微信支付吗").body("hits[0].entryId", equalTo("csv-pay"));

        String bad = "id,question,answer,language,validUntil\n"
                + "csv-ok,好的问题,好的答案,zh,\n"
                + "csv-late,过期,答案,zh,next tuesday\n";
        JsonPath failed = importAndWait(editor, "text/csv", bad);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getList("errors.line", Integer.class)).containsExactly(3);
        assertThat(failed.getString("errors[0].errors[0]")).contains("validUntil");
        given().auth().oauth2(editor).get(BASE + "/entries/csv-ok").then().statusCode(404);

        byte[] exported = given().auth().oauth2(editor).get(BASE + "/exports?format=csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asByteArray();
        String text = new String(exported, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFid,question,similarQuestions").contains("csv-pay", "\"Do you take \"\"Apple Pay\"\"?\"");
        // what was exported imports again unchanged
        JsonPath again = importAndWait(editor, "text/csv", text);
        assertThat(again.getInt("updated")).isEqualTo(2);
        given().auth().oauth2(editor).get(BASE + "/entries/csv-pay").then()
                .body("answer", equalTo("支持微信、支付宝，\r\n以及信用卡。")).body("version", equalTo(2));

        given().auth().oauth2(editor).get(BASE + "/exports?format=jsonl").then().statusCode(200)
                .body(containsString("\"id\":\"csv-en\""));
        given().auth().oauth2(editor).get(BASE + "/exports?format=xml").then().statusCode(400);
        given().auth().oauth2(editor).get(BASE + "/imports").then().statusCode(200)
                .body("status", hasItems("succeeded", "failed"));
    }

    private static void createEntry(String token, String id, String question, String answer) {
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("id", id, "question", question, "answer", answer, "language", "zh", "status", "published"))
                .post(BASE + "/entries").then().statusCode(201);
    }

    /** Starts an import and waits until its job has finished; returns the finished job. */
    private static JsonPath importAndWait(String token, String contentType, String body) {
        String location = given().auth().oauth2(token).contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8)).post(BASE + "/imports").then()
                .statusCode(202).header("Location", containsString("/api/v1/knowledge/imports/"))
                .extract().header("Location");
        return finished(token, location);
    }

    private static JsonPath finished(String token, String location) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(token).get(location).then().statusCode(200).extract().jsonPath(),
                        job -> FINISHED.contains(job.getString("status")));
    }

    private static ValidatableResponse search(String token, String q) {
        return given().auth().oauth2(token).queryParam("q", q).get(BASE + "/search").then().statusCode(200);
    }
}
