package io.lingxi.knowledge.search;

import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import io.lingxi.knowledge.ElasticsearchNode;
import io.lingxi.knowledge.domain.AnswerPolicy;
import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.Match;
import io.lingxi.knowledge.domain.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Measures both backends, one after the other: retrieval quality (precision@1, MRR@10, recall@10) on the seed
 * content with the paraphrased queries of {@code benchmark/seed-queries.tsv}, then indexing rate and query
 * latency/throughput on generated entries. Lucene runs in this JVM; Elasticsearch is the test node
 * ({@link ElasticsearchNode}: started here in a JVM of its own, on the same machine, with the full JIT that
 * bench.sh asks for, unless {@code -Dlingxi.test.elasticsearch.url} names a running node). Run with
 * {@code knowledge-service/bench.sh [entries] [seconds] [lucene,elasticsearch]}.
 */
public final class KnowledgeBenchmark {

    static final Instant NOW = Instant.now();

    /** A fresh backend for one measurement, and what to free after it. */
    private interface Fresh {
        SearchBackend open(String purpose) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> backends = List.of((args.length > 2 ? args[2] : "lucene,elasticsearch").split(","));
        System.out.printf("Lingxi knowledge benchmark — %s, %d cores, Java %s, load average %.1f%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
        List<Path> dirs = new ArrayList<>();
        try {
            if (backends.contains("lucene")) {
                System.out.printf("%n===== Lucene (embedded, this JVM) =====%n");
                Fresh lucene = purpose -> {
                    Path dir = Files.createTempDirectory("lingxi-bench-" + purpose);
                    dirs.add(dir);
                    return new LuceneSearchBackend(dir);
                };
                quality(lucene);
                speed(lucene, entries, seconds, Runtime.getRuntime().availableProcessors(), 20_000);
            }
            if (backends.contains("elasticsearch")) {
                long start = System.nanoTime();
                String url = ElasticsearchNode.url();
                System.out.printf("%n===== Elasticsearch (test node %s in its own JVM on this machine, %s; "
                        + "ready in %.1f s) =====%n", url, System.getProperty("lingxi.test.elasticsearch.java-options",
                                "test JVM options"), (System.nanoTime() - start) / 1e9);
                String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
                Fresh elasticsearch = purpose -> ElasticsearchSearchBackend.connect(url, prefix + "-" + purpose, 0);
                quality(elasticsearch);
                // I/O-bound client: more threads than cores keep the node busy
                speed(elasticsearch, entries, seconds, 4 * Runtime.getRuntime().availableProcessors(), 2_000);
            }
        } finally {
            for (Path dir : dirs) {
                delete(dir);
            }
        }
        System.out.printf("%nload average at the end %.1f%n", loadAverage());
        System.exit(0);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Retrieval quality on the demo tenant's seed content. */
    static void quality(Fresh fresh) throws IOException {
        try (SearchBackend backend = fresh.open("quality")) {
            List<Faq> seed = SeedContent.entries();
            backend.setSynonyms("demo", SeedContent.synonyms());
            backend.replaceAll("demo", seed, "seed");
            List<String[]> queries = SeedContent.paraphrases();
            AnswerPolicy policy = new AnswerPolicy(0.05, 3);
            Thresholds thresholds = new Thresholds(0.5, 0.3);
            double p1 = 0;
            double mrr = 0;
            double recall = 0;
            int answeredRight = 0;
            int answeredWrong = 0;
            int suggestedRight = 0;
            List<String> misses = new ArrayList<>();
            for (String[] q : queries) {
                List<Match.Hit> hits = backend.search("demo", q[0], NOW, 10);
                int rank = -1;
                for (int i = 0; i < hits.size(); i++) {
                    if (hits.get(i).faq().id().equals(q[1])) {
                        rank = i + 1;
                        break;
                    }
                }
                if (rank == 1) {
                    p1++;
                }
                if (rank > 0) {
                    mrr += 1.0 / rank;
                    recall++;
                }
                Match match = policy.decide(hits, thresholds, 3);
                boolean right = !match.hits().isEmpty() && match.hits().get(0).faq().id().equals(q[1]);
                if (match.decision() == Decision.ANSWERED) {
                    if (right) {
                        answeredRight++;
                    } else {
                        answeredWrong++;
                    }
                } else if (match.decision() == Decision.SUGGESTED
                        && match.hits().stream().anyMatch(h -> h.faq().id().equals(q[1]))) {
                    suggestedRight++;
                }
                if (rank != 1) {
                    misses.add(String.format("  rank %s  %s → %s (top: %s %.2f)", rank < 0 ? "-" : rank, q[0], q[1],
                            hits.isEmpty() ? "none" : hits.get(0).faq().id(), hits.isEmpty() ? 0 : hits.get(0).score()));
                }
            }
            int n = queries.size();
            System.out.printf("%nQuality on the seed content: %d entries, %d paraphrased queries%n", seed.size(), n);
            System.out.printf("  precisionAt1 %.3f   mrrAt10 %.3f   recallAt10 %.3f%n", p1 / n, mrr / n, recall / n);
            System.out.printf("  decisions at thresholds 0.5/0.3: answered right %d, answered wrong %d, "
                    + "suggested (right one among them) %d, other %d%n", answeredRight, answeredWrong, suggestedRight,
                    n - answeredRight - answeredWrong - suggestedRight);
            misses.forEach(System.out::println);
        }
    }

    /**
     * Indexing rate, then latency (one thread, {@code sequential} queries after as many to warm up) and
     * throughput ({@code threads} threads for {@code seconds}) on {@code count} generated entries.
     */
    static void speed(Fresh fresh, int count, int seconds, int threads, int sequential) throws Exception {
        Random random = new Random(42);
        List<Faq> faqs = GeneratedEntries.generate(count, random);
        List<String> queries = GeneratedEntries.queries(faqs, 50_000, random);
        try (SearchBackend backend = fresh.open("speed")) {
            long start = System.nanoTime();
            backend.replaceAll("bench", faqs, "bench");
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%nIndexing: %d entries in %.2f s = %.0f entries/s (full rebuild: %s)%n", count,
                    indexSeconds, count / indexSeconds, backend instanceof LuceneSearchBackend ? "one commit"
                            : "bulk requests of " + ElasticsearchSearchBackend.PAGE + ", refresh, alias swap");
            start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                backend.upsert("bench", faqs.get(i));
            }
            System.out.printf("Incremental: %.1f ms per changed entry (update + %s)%n",
                    (System.nanoTime() - start) / 1e6 / 200,
                    backend instanceof LuceneSearchBackend ? "commit + refresh" : "index request with refresh=true");

            for (int i = 0; i < sequential; i++) {
                backend.search("bench", queries.get(i % queries.size()), NOW, 5);
            }
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long[] single = new long[sequential];
            for (int i = 0; i < single.length; i++) {
                long t = System.nanoTime();
                backend.search("bench", queries.get((i * 7) % queries.size()), NOW, 5);
                single[i] = System.nanoTime() - t;
            }
            double cpuPerQuery = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e3 / single.length;
            Arrays.sort(single);
            System.out.printf("Latency, one thread, %d queries: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", single.length,
                    single[single.length / 2] / 1e6, single[(int) (single.length * 0.99)] / 1e6,
                    single[single.length - 1] / 1e6);
            System.out.printf("CPU time per query in this JVM %.0f µs%s (load average now %.1f)%n", cpuPerQuery,
                    backend instanceof LuceneSearchBackend
                            ? String.format(" → at most %.0f queries/s per core if the machine were idle",
                                    1e6 / cpuPerQuery)
                            : " (client side only; the node's work is in its own process)", loadAverage());

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            List<Future<long[]>> futures = new ArrayList<>();
            long began = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int offset = t * 9973;
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[2_000_000];
                    int n = 0;
                    while (n < latencies.length && System.nanoTime() < deadline) {
                        long q = System.nanoTime();
                        backend.search("bench", queries.get((offset + n) % queries.size()), NOW, 5);
                        latencies[n++] = System.nanoTime() - q;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                all.add(f.get());
            }
            double elapsed = (System.nanoTime() - began) / 1e9;
            pool.shutdown();
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("Throughput, %d threads for %.1f s: %d queries = %.0f queries/s; p50 %.3f ms, p99 %.3f ms%n",
                    threads, elapsed, merged.length, merged.length / elapsed, merged[merged.length / 2] / 1e6,
                    merged[(int) (merged.length * 0.99)] / 1e6);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Realistic-looking shop FAQ entries and customer queries, made up from products and question patterns. */
    static final class GeneratedEntries {

        static final String[] ZH_PRODUCTS = {"手机", "耳机", "笔记本电脑", "平板", "电视", "空调", "冰箱", "洗衣机", "微波炉",
            "电饭煲", "吸尘器", "扫地机器人", "咖啡机", "电动牙刷", "吹风机", "运动鞋", "羽绒服", "牛仔裤", "背包", "行李箱",
            "手表", "眼镜", "奶粉", "纸尿裤", "猫粮", "狗粮", "面膜", "口红", "洗发水", "沐浴露", "床垫", "枕头", "沙发",
            "台灯", "键盘", "鼠标", "显示器", "路由器", "充电宝", "数据线"};
        static final String[] EN_PRODUCTS = {"phone", "headphones", "laptop", "tablet", "television", "air conditioner",
            "fridge", "washing machine", "microwave", "rice cooker", "vacuum cleaner", "robot vacuum", "coffee machine",
            "electric toothbrush", "hair dryer", "running shoes", "down jacket", "jeans", "backpack", "suitcase",
            "watch", "glasses", "baby formula", "diapers", "cat food", "dog food", "face mask", "lipstick", "shampoo",
            "mattress", "pillow", "sofa", "desk lamp", "keyboard", "mouse", "monitor", "router", "power bank"};
        static final String[][] ZH_TOPICS = {
            {"%s怎么退货？", "%s不想要了能退吗", "%s退货流程", "买的%s可以七天无理由退吗"},
            {"%s保修多久？", "%s坏了能免费修吗", "%s的保修政策", "%s出故障找谁"},
            {"%s什么时候发货？", "%s下单后多久发", "%s几天能到", "%s有现货吗"},
            {"%s怎么安装？", "%s需要自己装吗", "%s安装收费吗", "%s上门安装怎么预约"},
            {"%s有优惠吗？", "%s能用优惠券吗", "%s什么时候打折", "%s参加满减吗"},
            {"%s怎么清洁？", "%s怎么保养", "%s脏了怎么洗", "%s使用注意事项"},
            {"%s是正品吗？", "%s有没有假货", "%s怎么验证真伪", "%s有防伪码吗"},
            {"%s可以开发票吗？", "%s发票怎么开", "%s能开专票吗", "%s电子发票"}};
        static final String[][] EN_TOPICS = {
            {"How do I return my %s?", "Can I send back the %s?", "Return policy for the %s", "The %s is not what I wanted"},
            {"How long is the warranty on the %s?", "My %s is broken, can you repair it?", "Is the %s covered by warranty?",
                "Who fixes a faulty %s?"},
            {"When will the %s ship?", "Is the %s in stock?", "How fast can I get the %s?", "Delivery time for the %s"},
            {"How do I install the %s?", "Do you set up the %s for me?", "Is installation of the %s free?",
                "Book an installer for the %s"},
            {"Is there a discount on the %s?", "Can I use a coupon for the %s?", "When is the %s on sale?",
                "Any deals on the %s?"},
            {"How do I clean the %s?", "How should I care for the %s?", "Maintenance tips for the %s",
                "Can I wash the %s?"},
            {"Is the %s genuine?", "How can I check the %s is authentic?", "Are your %s originals?",
                "Does the %s have an anti-counterfeit code?"},
            {"Can I get an invoice for the %s?", "Invoice for my %s order", "VAT invoice for the %s",
                "Electronic invoice for the %s"}};
        static final String[] ZH_BRANDS = {"星辰", "云帆", "青禾", "北斗", "锦程", "远山", "知行", "春晓", "明川", "长风",
            "若水", "朝阳", "听雨", "观澜", "拾光", "木森", "海川", "松石", "白鹭", "清风"};
        static final String[] EN_BRANDS = {"Aster", "Borealis", "Cedar", "Dune", "Ember", "Fjord", "Granite", "Harbor",
            "Iris", "Juniper", "Kestrel", "Lumen", "Meadow", "Nimbus", "Orchid", "Pioneer", "Quartz", "Ridge", "Solace",
            "Tundra"};

        static List<Faq> generate(int count, Random random) {
            List<Faq> faqs = new ArrayList<>(count);
            Instant from = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < count; i++) {
                boolean zh = i % 2 == 0;
                int combo = i / 2;
                String[] products = zh ? ZH_PRODUCTS : EN_PRODUCTS;
                String[][] topics = zh ? ZH_TOPICS : EN_TOPICS;
                String[] brands = zh ? ZH_BRANDS : EN_BRANDS;
                String product = products[combo % products.length];
                String[] topic = topics[(combo / products.length) % topics.length];
                String brand = brands[(combo / (products.length * topics.length)) % brands.length];
                String series = String.valueOf((combo / (products.length * topics.length * brands.length)) + 1);
                String item = zh ? brand + series + "系列" + product : brand + " " + series + " " + product;
                List<String> questions = new ArrayList<>();
                for (String pattern : topic) {
                    questions.add(String.format(pattern, item));
                }
                String answer = zh
                        ? item + "的相关说明：请在「我的订单」中找到该商品，按页面提示操作；如有疑问请联系在线客服，我们会在 24 小时内回复。"
                        : "About the " + item + ": open My Orders, choose the item and follow the steps on the page; "
                                + "our online service replies within 24 hours.";
                faqs.add(new Faq("gen-" + i, "bench", questions.get(0), questions.subList(1, questions.size()), answer,
                        zh ? "zh" : "en", "generated", List.of(), Map.of(), true, from, null));
            }
            return faqs;
        }

        /** Customer-like queries: a question of a random entry with a polite opener or a filler added. */
        static List<String> queries(List<Faq> faqs, int count, Random random) {
            String[] zhOpeners = {"请问", "你好，", "", "麻烦问下", "我想知道"};
            String[] enOpeners = {"hi, ", "", "quick question: ", "hello "};
            List<String> queries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Faq faq = faqs.get(random.nextInt(faqs.size()));
                List<String> questions = new ArrayList<>(faq.similarQuestions());
                questions.add(faq.question());
                String q = questions.get(random.nextInt(questions.size()));
                boolean zh = faq.language().equals("zh");
                String opener = zh ? zhOpeners[random.nextInt(zhOpeners.length)] : enOpeners[random.nextInt(enOpeners.length)];
                queries.add(opener + (zh ? q : q.toLowerCase()));
            }
            return queries;
        }
    }
}
