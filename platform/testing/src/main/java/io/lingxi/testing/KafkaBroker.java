package io.lingxi.testing;

import io.lingxi.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker for tests: a single-node KRaft cluster inside the test JVM, started once and shared
 * by every test of the JVM. With the system property {@value #EXTERNAL_PROPERTY} (host:port) the tests use
 * that broker instead. Either way every Lingxi topic and its dead-letter topic exist before tests run.
 */
public final class KafkaBroker {

    public static final String EXTERNAL_PROPERTY = "lingxi.test.kafka.bootstrap";
    public static final int PARTITIONS = 3;

    private static String bootstrapServers;
    private static KafkaClusterTestKit cluster;

    private KafkaBroker() {
    }

    /** Starts the broker if needed and returns its bootstrap servers. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getProperty(EXTERNAL_PROPERTY, "");
            bootstrapServers = external.isBlank() ? startEmbedded() : external;
            createTopics(bootstrapServers);
        }
        return bootstrapServers;
    }

    private static String startEmbedded() {
        // The broker shares the test JVM: a broker-side fatal error (say, its log directory vanishing while the
        // JVM shuts down) must fail the broker, not halt the JVM with a non-zero exit code.
        Exit.setHaltProcedure((status, message) -> System.err.println("embedded Kafka asked to halt (" + status
                + "): " + message));
        Exit.setExitProcedure((status, message) -> System.err.println("embedded Kafka asked to exit (" + status
                + "): " + message));
        try {
            var nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-test-broker-stop"));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    /** Creates every Lingxi topic and its dead-letter topic, skipping those that exist. */
    public static void createTopics(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                for (String name : List.of(topic, Topics.dlq(topic))) {
                    if (!existing.contains(name)) {
                        NewTopic newTopic = new NewTopic(name, PARTITIONS, (short) 1);
                        if (Topics.COMPACTED.contains(name)) {
                            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                        }
                        missing.add(newTopic);
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Lingxi topics on " + bootstrap, e);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // the JVM is exiting; nothing useful to do
            }
            cluster = null;
        }
    }
}
