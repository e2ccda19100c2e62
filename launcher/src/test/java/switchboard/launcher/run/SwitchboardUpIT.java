package switchboard.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import switchboard.records.DeadLetter;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.connectors.HeadlessChromium;

/**
 * The whole pipeline as {@code switchboard up} runs it, in this JVM: embedded broker, console chat,
 * matcher, dispatcher, notifier and the StackStorm sandbox. Talks to it only as a user would:
 * through the console's HTTP API and its page in headless Chromium.
 */
@Tag("integration")
@Timeout(300)
class SwitchboardUpIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path dataDir;
  private static EmbeddedSwitchboard switchboard;

  @BeforeAll
  static void up() throws Exception {
    switchboard =
        EmbeddedSwitchboard.start(
            new EmbeddedSwitchboard.Options(dataDir, 0, 0, 0, "open", Map.of()));
  }

  @AfterAll
  static void down() {
    if (switchboard != null) {
      switchboard.close();
    }
  }

  @Test
  void shouldAckAndAnswerACommandTypedInTheConsole() throws Exception {
    // When alice asks the sandbox to run a command in #ops
    ConsoleUser alice = new ConsoleUser(switchboard.consoleUrl(), "alice");
    alice.say("#ops", "!run date on localhost");

    // Then the bot acknowledges it and later posts the result, in that order
    List<JsonNode> bot = alice.awaitBot("#ops", ConsoleUser.kind("result"));
    assertThat(bot).extracting(m -> m.path("kind").asText()).containsSubsequence("ack", "result");
    assertThat(ConsoleUser.text(bot, "ack")).contains("details available at");
    assertThat(ConsoleUser.text(bot, "result")).contains("date");
  }

  @Test
  void shouldSuggestCommandsForAnUnknownOneAndListHelp() throws Exception {
    ConsoleUser bob = new ConsoleUser(switchboard.consoleUrl(), "bob");
    bob.say("#help-desk", "!run dat on localhost please now");
    bob.say("#help-desk", "!help");

    assertThat(bob.awaitBot("#help-desk", "help"))
        .contains("run {{cmd}} on {{hosts}}")
        .contains("pack get");
  }

  @Test
  void shouldDeadLetterABadReplyAndStillDeliverLaterOnes() throws Exception {
    // Given a record on chatops.replies that is not a Switchboard reply
    Topics topics = Topics.defaults();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, switchboard.bootstrapServers());
    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  topics.replies().name(), "console/local/#ops", "garbage".getBytes()))
          .get();
    }

    // When a user runs a command after it
    ConsoleUser carol = new ConsoleUser(switchboard.consoleUrl(), "carol");
    carol.say("#after-poison", "!run uptime on localhost");

    // Then the reply still arrives, and the bad record is on the dead-letter topic with its reason
    carol.awaitBot("#after-poison", "result");
    try (KafkaTopicSchemaRegistry registry =
            new KafkaTopicSchemaRegistry(switchboard.bootstrapServers(), topics.schemas());
        KafkaConsumer<String, byte[]> consumer = consumer()) {
      RecordSerdes serdes = new RecordSerdes(registry);
      consumer.subscribe(List.of(topics.deadLetters().name()));
      List<DeadLetter> letters = new ArrayList<>();
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r ->
                            letters.add(
                                serdes
                                    .value(topics.deadLetters())
                                    .deserialize(r.topic(), r.value())));
                return letters.stream()
                    .anyMatch(l -> l.getSourceTopic().equals(topics.replies().name()));
              });
      assertThat(letters)
          .filteredOn(l -> l.getSourceTopic().equals(topics.replies().name()))
          .singleElement()
          .satisfies(l -> assertThat(l.getReasonCode()).isEqualTo("UNDECODABLE"))
          .satisfies(l -> assertThat(l.getComponent()).isEqualTo("notifier"));
    }
  }

  @Test
  void shouldShowTheAckAndTheResultOnThePage(@TempDir Path profile) throws Exception {
    WebDriver browser = HeadlessChromium.start(profile);
    try {
      browser.get(switchboard.consoleUrl().toString());
      await()
          .atMost(TIMEOUT)
          .until(() -> browser.findElement(By.id("banner")).getText().contains("sandbox"));
      browser.findElement(By.id("user")).clear();
      browser.findElement(By.id("user")).sendKeys("dave");
      browser.findElement(By.id("channel")).clear();
      browser.findElement(By.id("channel")).sendKeys("#page");
      browser.findElement(By.id("join")).click();

      browser.findElement(By.id("text")).sendKeys("!run hostname on localhost", Keys.ENTER);

      String ack = awaitOnPage(browser, "ack");
      String result = awaitOnPage(browser, "result");
      assertThat(ack).contains("details available at");
      assertThat(result).contains("hostname");
    } finally {
      browser.quit();
    }
  }

  private static String awaitOnPage(WebDriver browser, String kind) {
    return await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                browser
                    .findElements(By.cssSelector("#messages .message[data-kind='" + kind + "']"))
                    .stream()
                    .map(e -> e.getText())
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, switchboard.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "up-it-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
