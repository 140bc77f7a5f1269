package io.lingxi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoOrderApiTest {

    private final DemoOrderApi api = new DemoOrderApi("k");
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() throws Exception {
        base = "http://127.0.0.1:" + api.start(0);
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void answersAnOrdersStatusInBothLanguages() throws Exception {
        HttpResponse<String> response = get("/orders/A2024112401", "k");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"zh\":\"已发货，运输中\"", "\"en\":\"shipped and on its way\"",
                "\"trackingNumber\":\"SF1402938475612\"");
        assertThat(get("/orders/a2024112401", "k").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesUnknownOrdersAndWrongKeys() throws Exception {
        assertThat(get("/orders/Z9", "k").statusCode()).isEqualTo(404);
        assertThat(get("/orders/A2024112401", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void cancelsOnlyOrdersNotYetShipped() throws Exception {
        assertThat(post("/orders/A2024112401/cancel").statusCode()).isEqualTo(409);
        HttpResponse<String> cancelled = post("/orders/A2024112402/cancel");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"status\":\"cancelled\"");
        assertThat(get("/orders/A2024112402", "k").body()).contains("\"status\":\"cancelled\"");
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Api-Key", key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Api-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
