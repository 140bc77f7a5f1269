package io.lingxi.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * DEMO ONLY: a tiny order and logistics API standing in for an enterprise's own system, so the local run shows a
 * real multi-turn order query. {@code GET /orders/{number}} answers an order's status; {@code POST
 * /orders/{number}/cancel} cancels one not yet shipped; both want the header {@code X-Api-Key}. Orders live in
 * memory and reset at every start.
 */
public final class DemoOrderApi {

    /** An order as the demo knows it. */
    record Order(String number, String status, String zh, String en, String carrier, String trackingNumber,
            LocalDate eta) {

        String json() {
            return """
                    {"orderNumber":"%s","status":"%s","statusText":{"zh":"%s","en":"%s"},"carrier":"%s",\
                    "trackingNumber":"%s","eta":"%s"}""".formatted(number, status, zh, en, carrier, trackingNumber, eta);
        }
    }

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final String apiKey;
    private HttpServer server;

    public DemoOrderApi(String apiKey) {
        this.apiKey = apiKey;
        LocalDate today = LocalDate.now();
        add(new Order("A2024112401", "shipped", "已发货，运输中", "shipped and on its way", "顺丰速运 SF Express",
                "SF1402938475612", today.plusDays(1)));
        add(new Order("A2024112402", "processing", "待发货", "being prepared for shipping", "-", "-", today.plusDays(3)));
        add(new Order("A2024112403", "delivered", "已签收", "delivered", "京东物流 JD Logistics", "JDV00387462531",
                today.minusDays(2)));
        add(new Order("A2024112404", "shipped", "已发货，派送中", "out for delivery", "中通快递 ZTO Express",
                "ZT7730019283746", today));
    }

    private void add(Order order) {
        orders.put(order.number(), order);
    }

    public int start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/orders/", this::orders);
        server.start();
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private void orders(HttpExchange exchange) throws IOException {
        if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
            respond(exchange, 401, "{\"error\":\"missing or wrong X-Api-Key\"}");
            return;
        }
        String[] path = exchange.getRequestURI().getPath().split("/");
        Order order = path.length > 2 ? orders.get(path[2].toUpperCase(java.util.Locale.ROOT)) : null;
        if (order == null) {
            respond(exchange, 404, "{\"error\":\"no such order\"}");
        } else if (path.length == 3 && "GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 200, order.json());
        } else if (path.length == 4 && "cancel".equals(path[3]) && "POST".equals(exchange.getRequestMethod())) {
            if (!"processing".equals(order.status())) {
                respond(exchange, 409, "{\"error\":\"only orders not yet shipped can be cancelled\"}");
                return;
            }
            Order cancelled = new Order(order.number(), "cancelled", "已取消", "cancelled", "-", "-", order.eta());
            orders.put(order.number(), cancelled);
            respond(exchange, 200, cancelled.json());
        } else {
            respond(exchange, 405, "{\"error\":\"not supported\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code java -jar lingxi-demo-order-api.jar [port]}; the key comes from DEMO_ORDER_API_KEY. */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8086;
        String key = System.getenv().getOrDefault("DEMO_ORDER_API_KEY", "demo-only-key");
        new DemoOrderApi(key).start(port);
        System.out.println("Demo order API (demo only) listening on 127.0.0.1:" + port);
    }
}
