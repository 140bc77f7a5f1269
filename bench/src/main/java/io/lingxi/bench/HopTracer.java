package io.lingxi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the conversation topics beside the load (its own consumer, no group, from the end) and keeps, for every
 * message of this run, when each hop's record was written (the producer's record timestamp). It also counts the
 * records and bytes of every topic, which tells how many Kafka records one turn costs.
 */
public final class HopTracer implements AutoCloseable {

    /** Hops in pipeline order; the record's field that names the customer message it belongs to. */
    enum Hop {
        RECEIVED("cs.message.received.v1", "messageId"),
        UNDERSTOOD("cs.message.understood.v1", "messageId"),
        KNOWLEDGE_QUERY("cs.knowledge.query.v1", "messageId"),
        KNOWLEDGE_ANSWER("cs.knowledge.answer.v1", "messageId"),
        REPLY("cs.reply.v1", "inReplyTo"),
        HANDOFF_REQUESTED("cs.handoff.requested.v1", "messageId"),
        /** The gateway's delivery report names the reply, which the reply record tied to the message. */
        DELIVERY("cs.delivery.v1", "replyId");

        final String topic;
        final String field;

        Hop(String topic, String field) {
            this.topic = topic;
            this.field = field;
        }
    }

    /** Topics only counted (their records cannot all be tied to one message). */
    static final List<String> COUNTED = List.of("cs.conversation.event.v1", "cs.handoff.event.v1",
            "cs.analytics.export.v1");

    private final String runId;
    private final ObjectMapper mapper;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, long[]> times = new ConcurrentHashMap<>();
    private final Map<String, String> replyToMessage = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong[]> perTopic = new ConcurrentHashMap<>(); // records, bytes
    private final AtomicLong receivedBytes = new AtomicLong();
    private final AtomicLong receivedRecords = new AtomicLong();
    private volatile long lastRecordNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String error;

    public HopTracer(String bootstrap, String runId, ObjectMapper mapper) {
        this.runId = runId;
        this.mapper = mapper;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "lingxi-bench-hops");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (Hop hop : Hop.values()) {
            topics.add(hop.topic);
        }
        topics.addAll(COUNTED);
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            perTopic.put(topic, new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the load begins
        thread = new Thread(this::loop, "bench-hop-tracer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    take(record);
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            error = e.toString();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        lastRecordNanos = System.nanoTime();
        long size = size(record);
        AtomicLong[] counts = perTopic.get(record.topic());
        if (counts != null) {
            counts[0].incrementAndGet();
            counts[1].addAndGet(size);
        }
        for (Hop hop : Hop.values()) {
            if (!hop.topic.equals(record.topic()) || record.value() == null) {
                continue;
            }
            String messageId;
            try {
                JsonNode value = mapper.readTree(record.value());
                messageId = value.path(hop.field).asText(null);
                if (hop == Hop.REPLY && messageId != null && messageId.startsWith(runId)) {
                    replyToMessage.put(value.path("replyId").asText(), messageId);
                } else if (hop == Hop.DELIVERY) {
                    messageId = messageId == null ? null : replyToMessage.get(messageId);
                }
            } catch (java.io.IOException e) {
                return;
            }
            if (messageId == null || !messageId.startsWith(runId)) {
                return;
            }
            if (hop == Hop.RECEIVED) {
                receivedRecords.incrementAndGet();
                receivedBytes.addAndGet(size);
            }
            long[] t = times.computeIfAbsent(messageId, k -> new long[Hop.values().length]);
            synchronized (t) {
                if (t[hop.ordinal()] == 0) {
                    t[hop.ordinal()] = record.timestamp();
                }
            }
            return;
        }
    }

    static long size(ConsumerRecord<byte[], byte[]> record) {
        long size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0
                : record.value().length);
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    /** Record timestamps (ms since the epoch) of a message's hops, 0 where not seen; null if none seen. */
    public long[] times(String messageId) {
        return times.get(messageId);
    }

    /** Mean bytes (key, value and headers) of this run's MessageReceived records; 0 if none seen. */
    public long meanReceivedRecordBytes() {
        long n = receivedRecords.get();
        return n == 0 ? 0 : receivedBytes.get() / n;
    }

    /** Records and bytes per topic so far. */
    public Map<String, long[]> counts() {
        Map<String, long[]> out = new TreeMap<>();
        perTopic.forEach((topic, c) -> out.put(topic, new long[] {c[0].get(), c[1].get()}));
        return out;
    }

    /**
     * Waits until no record has appeared on the conversation topics for {@code quietMillis} (the suite has worked
     * off what the last phase left), at most {@code maxMillis}; answers the milliseconds waited.
     */
    public long settle(long quietMillis, long maxMillis) throws InterruptedException {
        long start = System.nanoTime();
        long limit = start + maxMillis * 1_000_000L;
        while (System.nanoTime() < limit && System.nanoTime() - lastRecordNanos < quietMillis * 1_000_000L) {
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1_000_000L;
    }

    public String error() {
        return error;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
