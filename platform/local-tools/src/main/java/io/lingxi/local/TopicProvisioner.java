package io.lingxi.local;

import io.lingxi.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every Lingxi topic and its dead-letter topic on a broker that does not create topics by itself. Topics
 * that exist are left as they are.
 */
public final class TopicProvisioner {

    public static final int PARTITIONS = 3;
    public static final short REPLICATION_FACTOR = 1;

    private final String bootstrapServers;
    private final Duration timeout;

    public TopicProvisioner(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** Every topic the suite needs: each business topic followed by its {@code .dlq}. */
    public static List<NewTopic> required() {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.dlq(topic))) {
                NewTopic newTopic = new NewTopic(name, PARTITIONS, REPLICATION_FACTOR);
                if (Topics.COMPACTED.contains(name)) {
                    newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                topics.add(newTopic);
            }
        }
        return topics;
    }

    /** Creates the missing topics; returns their names. */
    public List<String> provision() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(10_000, timeout.toMillis()));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = required().stream().filter(topic -> !existing.contains(topic.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    // another provisioner may have been quicker; anything else is a real failure
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailure("Interrupted while creating the Kafka topics.", e);
        } catch (KafkaException e) {
            throw new ToolFailure("Could not create the Kafka topics on " + bootstrapServers + ".", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ToolFailure("Could not create the Kafka topics on " + bootstrapServers + ".",
                    e instanceof ExecutionException ? e.getCause() : e);
        }
    }
}
