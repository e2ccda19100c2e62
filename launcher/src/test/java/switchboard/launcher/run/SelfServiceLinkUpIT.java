package switchboard.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import picocli.CommandLine;
import switchboard.launcher.Switchboard;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.connectors.HeadlessChromium;

/**
 * Identities end to end, as {@code switchboard up} runs with enforcement: an unlinked chat user is
 * refused, sends {@code link} to the bot, signs in on the page the dispatcher serves (in headless
 * Chromium) with the sandbox's StackStorm user, and from then on runs commands as that user.
 */
@Tag("integration")
@Timeout(300)
class SelfServiceLinkUpIT {

  private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/link/\\S+)");

  @TempDir Path dataDir;

  @Test
  void shouldLinkAChatUserThroughTheLinkPageAndRunHerCommandsAsHerStackStormUser(
      @TempDir Path profile) throws Exception {
    try (EmbeddedSwitchboard switchboard =
        EmbeddedSwitchboard.start(
            new EmbeddedSwitchboard.Options(dataDir, 0, 0, 0, "enforce", Map.of()))) {
      // Given a policy that lets the StackStorm user st2admin run anything in #ops
      applyPolicy(
          switchboard,
          "name: ops\nrules:\n  - id: admins-in-ops\n    effect: allow\n"
              + "    subjects: ['st2admin']\n    where: {channels: ['#ops']}\n");
      ConsoleUser erin = new ConsoleUser(switchboard.consoleUrl(), "erin");

      // When erin, not linked yet, runs a command in #ops
      erin.say("#ops", "!run date on localhost");

      // Then she is refused and told how to link
      assertThat(erin.awaitBot("#ops", "denied")).contains("link");

      // When she sends link to the bot and signs in on the page it offers her
      erin.say("@erin", "link");
      String offer = erin.awaitBot("@erin", "info");
      Matcher url = LINK.matcher(offer);
      assertThat(url.find()).as(offer).isTrue();
      WebDriver browser = HeadlessChromium.start(profile);
      try {
        browser.get(url.group(1));
        assertThat(browser.getPageSource()).contains("<code>local:erin</code>");
        browser.findElement(By.name("username")).sendKeys(EmbeddedSwitchboard.SANDBOX_USER);
        browser.findElement(By.name("password")).sendKeys(EmbeddedSwitchboard.SANDBOX_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> browser.getPageSource().contains("<code>st2admin</code>"));

        // Then the bot knows who she is, and the link is spent
        erin.say("@erin", "whoami");
        assertThat(
                erin.awaitBot("@erin", m -> m.path("text").asText().contains("You are `")).stream()
                    .map(m -> m.path("text").asText())
                    .filter(t -> t.contains("You are `"))
                    .findFirst()
                    .orElseThrow())
            .startsWith("You are `st2admin` in StackStorm")
            .contains("console/local/local:erin");
        browser.get(url.group(1));
        assertThat(browser.getPageSource()).doesNotContain("name=\"password\"");
      } finally {
        browser.quit();
      }

      // When she runs the command again
      erin.say("#ops", "!run date on localhost");

      // Then it runs, as st2admin in StackStorm
      assertThat(erin.awaitBot("#ops", "result")).contains("date");
      assertThat(executedAs(switchboard, "console:")).contains("st2admin");
    }
  }

  private static void applyPolicy(EmbeddedSwitchboard switchboard, String yaml) throws Exception {
    Path file = Files.createTempFile("policy", ".yaml");
    Files.writeString(file, yaml);
    StringWriter err = new StringWriter();
    CommandLine cli = Switchboard.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int exit =
        cli.execute(
            "policy",
            "apply",
            "-f",
            file.toString(),
            "--bootstrap-servers",
            switchboard.bootstrapServers());
    assertThat(exit).as(err.toString()).isZero();
  }

  /** The StackStorm users of the EXECUTED audit records of requests whose id starts so. */
  private static List<String> executedAs(EmbeddedSwitchboard switchboard, String requestPrefix)
      throws Exception {
    Topics topics = Topics.defaults();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, switchboard.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "link-it-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaTopicSchemaRegistry registry =
            new KafkaTopicSchemaRegistry(switchboard.bootstrapServers(), topics.schemas());
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      RecordSerdes serdes = new RecordSerdes(registry);
      consumer.subscribe(List.of(topics.audit().name()));
      List<String> users = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                  AuditRecord audit =
                      serdes.value(topics.audit()).deserialize(record.topic(), record.value());
                  if (audit.getDecision() == AuditDecision.EXECUTED
                      && audit.getRequestId().startsWith(requestPrefix)) {
                    users.add(String.valueOf(audit.getStackstormUser()));
                  }
                }
                return !users.isEmpty();
              });
      return users;
    }
  }
}
