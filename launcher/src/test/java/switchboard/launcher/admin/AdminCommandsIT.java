package switchboard.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import switchboard.launcher.Switchboard;
import switchboard.records.AliasAck;
import switchboard.records.AliasDefinition;
import switchboard.records.AliasFormat;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.kafka.KafkaClusterExtension;

/** {@code switchboard identity}, {@code policy} and {@code audit} against a real broker. */
@Tag("integration")
@Timeout(180)
class AdminCommandsIT {

  @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleNode();

  @TempDir Path dir;
  private Topics topics;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void provision() throws Exception {
    topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = Switchboard.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--bootstrap-servers";
    all[args.length + 1] = KAFKA.bootstrapServers();
    all[args.length + 2] = "--topics-prefix";
    all[args.length + 3] = topics.prefix();
    return cli.execute(all);
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void shouldLinkImportListAndUnlinkChatUsers() throws Exception {
    // Given one admin link and an import file with a broken row
    assertThat(
            run(
                "identity",
                "link",
                "--provider",
                "slack",
                "--workspace",
                "T1",
                "--user",
                "U1",
                "--st2-user",
                "alice",
                "--group",
                "ops"))
        .isZero();
    assertThat(out.toString()).contains("linked slack/T1/U1 to alice (groups: ops)");
    Path broken =
        file(
            "broken.csv",
            "provider,workspace,user,st2_user,groups\nslack,T1,U2,bob,\nslack,T1,U3,,ops\n");

    // When the broken file is imported, then nothing is written and the line is named
    assertThat(run("identity", "import", broken.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(broken + ":3:1: row 3: st2_user is required");

    // When a good file is imported, then new, changed and unchanged links are counted
    Path good =
        file(
            "users.csv",
            "provider,workspace,user,st2_user,groups\n"
                + "slack,T1,U1,alice,ops\nslack,T1,U2,bob,\nslack,T1,U4,carol,dev;ops\n");
    assertThat(run("identity", "import", good.toString())).isZero();
    assertThat(out.toString()).contains("3 links in users.csv: 2 new, 0 changed, 1 unchanged");

    // Then list shows them; unlink removes one
    assertThat(run("identity", "list", "--format", "json")).isZero();
    assertThat(out.toString()).contains("\"st2_user\" : \"carol\"").contains("\"user\" : \"U2\"");
    assertThat(
            run("identity", "unlink", "--provider", "slack", "--workspace", "T1", "--user", "U2"))
        .isZero();
    assertThat(out.toString()).contains("unlinked slack/T1/U2 (was bob)");
    assertThat(
            run("identity", "unlink", "--provider", "slack", "--workspace", "T1", "--user", "U2"))
        .isEqualTo(1);
    assertThat(run("identity", "list", "--st2-user", "carol")).isZero();
    assertThat(out.toString().lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("CHAT USER");
    assertThat(out.toString()).contains("slack/T1/U4").contains("dev,ops").doesNotContain("U2");
  }

  @Test
  void shouldApplyTestAndDeletePolicies() throws Exception {
    // Given a link, an alias catalogue on the topic, and a policy file with a mistake
    assertThat(
            run(
                "identity",
                "link",
                "--provider",
                "slack",
                "--workspace",
                "T1",
                "--user",
                "U1",
                "--st2-user",
                "alice",
                "--group",
                "ops"))
        .isZero();
    produceAlias();
    Path broken =
        file(
            "broken.yaml",
            "name: ops\nrules:\n  - id: shell\n    effect: permit\n    subjects: ['*']\n");

    // When it is applied, then the line is named and nothing is written
    assertThat(run("policy", "apply", "-f", broken.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains(broken + ":4:13: rules[0].effect: must be allow or deny, not 'permit'");

    // When the fixed policy is applied twice and then changed
    String policy =
        "name: ops\nrules:\n  - id: shell\n    effect: allow\n    subjects: ['group:ops']\n"
            + "    where: {channels: ['C1']}\n";
    Path good = file("ops.yaml", policy);
    assertThat(run("policy", "apply", "-f", good.toString())).isZero();
    assertThat(out.toString()).contains("applied ops version 1 (1 rules)");
    assertThat(run("policy", "apply", "-f", good.toString())).isZero();
    assertThat(out.toString()).contains("ops unchanged (version 1)");
    Files.writeString(good, policy.replace("['C1']", "['C1', 'C2']"));
    assertThat(run("policy", "apply", "-f", good.toString())).isZero();
    assertThat(out.toString()).contains("applied ops version 2 (1 rules)");

    // Then policy test decides as the matcher would, naming the rule, without running anything
    assertThat(
            run(
                "policy",
                "test",
                "--provider",
                "slack",
                "--workspace",
                "T1",
                "--channel",
                "C2",
                "--user",
                "U1",
                "run date on web1"))
        .isZero();
    assertThat(out.toString()).contains("decision:   ALLOWED by ops/shell, as alice");
    assertThat(
            run(
                "policy",
                "test",
                "--provider",
                "slack",
                "--workspace",
                "T1",
                "--channel",
                "C3",
                "--user",
                "U1",
                "run date on web1"))
        .isEqualTo(3);
    assertThat(out.toString()).contains("decision:   DENIED by default-deny");

    // And list, show and delete work on the applied document
    assertThat(run("policy", "list")).isZero();
    assertThat(out.toString()).contains("ops").contains("2");
    assertThat(run("policy", "show", "ops")).isZero();
    assertThat(out.toString()).contains("channels: ['C1', 'C2']");
    assertThat(run("policy", "delete", "ops")).isZero();
    assertThat(
            run(
                "policy",
                "test",
                "--provider",
                "slack",
                "--workspace",
                "T1",
                "--channel",
                "C2",
                "--user",
                "U1",
                "run date on web1"))
        .isEqualTo(3);
  }

  @Test
  void shouldAnswerWhoRanWhatWhereAsWhomWithWhatResult() throws Exception {
    // Given the matcher's and the dispatcher's entries for two requests
    Conversation c1 = new Conversation("slack", "ops-slack", "T1", "C1", false);
    Instant now = Instant.now();
    produceAudit(
        audit("r1", AuditDecision.ALLOWED, c1, "U1", "alice", now).setRule("ops/shell").build(),
        audit("r1", AuditDecision.COMPLETED, c1, "U1", "alice", now.plusSeconds(2))
            .setExecutionId("66a1")
            .setExecutionStatus("succeeded")
            .build(),
        audit("r2", AuditDecision.DENIED, c1, "U2", null, now.plusSeconds(3))
            .setRule("unlinked-user")
            .build());

    // When the audit is read as a table and filtered as JSON
    assertThat(run("audit", "--since", "1h")).isZero();
    String table = out.toString();
    assertThat(run("audit", "--since", "1h", "--user", "alice", "--format", "json")).isZero();

    // Then every request is one line with its result, and the filter keeps alice's only
    assertThat(table.lines().toList()).hasSize(3);
    assertThat(table)
        .contains("slack/T1/U1 (u1)")
        .contains("alice")
        .contains("ALLOWED")
        .contains("66a1")
        .contains("succeeded")
        .contains("unlinked-user");
    assertThat(out.toString())
        .contains("\"request_id\" : \"r1\"")
        .contains("\"result\" : \"succeeded\"")
        .doesNotContain("r2");
  }

  private static AuditRecord.Builder audit(
      String requestId,
      AuditDecision decision,
      Conversation where,
      String user,
      String st2User,
      Instant time) {
    return AuditRecord.newBuilder()
        .setAuditId(requestId + "/" + decision)
        .setRequestId(requestId)
        .setDecision(decision)
        .setReason(decision.name())
        .setComponent("alias-matcher")
        .setConversation(where)
        .setSender(new ChatUser(user, user.toLowerCase()))
        .setStackstormUser(st2User)
        .setCommand("run date on web1")
        .setAliasRef("examples.shell")
        .setTime(time);
  }

  private void produceAudit(AuditRecord... entries) throws Exception {
    try (KafkaTopicSchemaRegistry registry =
            new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
        KafkaProducer<String, AuditRecord> producer = producer(registry, topics.audit())) {
      for (AuditRecord entry : entries) {
        producer
            .send(
                new ProducerRecord<>(
                    topics.audit().name(),
                    null,
                    entry.getTime().toEpochMilli(),
                    "ops-slack/T1/C1",
                    entry))
            .get();
      }
    }
  }

  private void produceAlias() throws Exception {
    AliasDefinition alias =
        AliasDefinition.newBuilder()
            .setRef("examples.shell")
            .setName("shell")
            .setPack("examples")
            .setActionRef("core.remote")
            .setFormats(
                List.of(
                    new AliasFormat(
                        "run {{cmd}} on {{hosts}}", List.of("run {{cmd}} on {{hosts}}"), false)))
            .setAck(new AliasAck(true, null, null, null))
            .build();
    try (KafkaTopicSchemaRegistry registry =
            new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
        KafkaProducer<String, AliasDefinition> producer = producer(registry, topics.aliases())) {
      producer.send(new ProducerRecord<>(topics.aliases().name(), alias.getRef(), alias)).get();
    }
  }

  private <V extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, V> producer(
      KafkaTopicSchemaRegistry registry, switchboard.schemas.TopicSpec<V> topic) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
        RecordSerdes.key().serializer(),
        new RecordSerdes(registry).value(topic).serializer());
  }
}
