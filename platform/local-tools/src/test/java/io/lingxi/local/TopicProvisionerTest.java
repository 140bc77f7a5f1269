package io.lingxi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lingxi.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real broker of its own (not the shared test broker, which creates the topics itself) that, like the
 * local one, never creates topics on demand.
 */
class TopicProvisionerTest {

    private static KafkaClusterTestKit cluster;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        admin = Admin.create(props);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        admin.close();
        cluster.close();
    }

    @Test
    void createsEveryTopicAndItsDeadLetterTopicOnceAndLeavesExistingOnesAlone() throws Exception {
        // one topic exists already, made differently by someone else: it must survive as it is
        admin.createTopics(List.of(new NewTopic(Topics.DELIVERY, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        TopicProvisioner provisioner = new TopicProvisioner(cluster.bootstrapServers(), Duration.ofSeconds(30));

        List<String> created = provisioner.provision();

        List<String> expected = new ArrayList<>();
        Topics.ALL.forEach(topic -> expected.addAll(List.of(topic, topic + ".dlq")));
        expected.remove(Topics.DELIVERY);
        assertThat(created).containsExactlyInAnyOrderElementsOf(expected).hasSize(2 * Topics.ALL.size() - 1);
        Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get(30, TimeUnit.SECONDS);
        assertThat(topics.values()).allSatisfy(topic -> {
            assertThat(topic.partitions()).hasSize(3);
            assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
        });
        assertThat(admin.describeTopics(List.of(Topics.DELIVERY)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(Topics.DELIVERY).partitions()).hasSize(1);
        assertThat(cleanupPolicy(Topics.NLU_MODEL)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(cleanupPolicy(Topics.dlq(Topics.NLU_MODEL))).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        assertThat(cleanupPolicy(Topics.MESSAGE_RECEIVED)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);

        assertThat(provisioner.provision()).isEmpty();
        Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(names).containsAll(expected).contains(Topics.DELIVERY);
    }

    @Test
    void givesUpWithAClearMessageWhenNoBrokerAnswers() {
        TopicProvisioner provisioner = new TopicProvisioner("127.0.0.1:1", Duration.ofSeconds(2));

        assertThatThrownBy(provisioner::provision)
                .isInstanceOf(ToolFailure.class)
                .hasMessage("Could not create the Kafka topics on 127.0.0.1:1.");
    }

    private static String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
}
