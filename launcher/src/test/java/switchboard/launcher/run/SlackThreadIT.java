package switchboard.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import switchboard.testkit.slack.LocalSlack;
import switchboard.testkit.slack.PostedMessage;
import switchboard.testkit.slack.SlackSamples;

/**
 * Slack end to end: a message in a Slack thread, delivered over Socket Mode by the local Slack,
 * runs an alias against the StackStorm sandbox, and the ack and the result come back into that
 * thread as Block Kit.
 */
@Tag("integration")
@Timeout(240)
class SlackThreadIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String THREAD = "1718000000.000100";

  @TempDir Path dataDir;

  @Test
  void shouldAnswerInTheThreadOfTheCommandWithBlockKit() throws Exception {
    try (LocalSlack slack = LocalSlack.start();
        EmbeddedSwitchboard switchboard =
            EmbeddedSwitchboard.start(
                new EmbeddedSwitchboard.Options(dataDir, 0, 0, 0, "open", Map.of()),
                Map.of(
                    "connectors.ops-slack.provider", "slack",
                    "connectors.ops-slack.bot.token", slack.botToken(),
                    "connectors.ops-slack.app.token", slack.appToken(),
                    "connectors.ops-slack.api.url", slack.apiUrl()))) {
      await().atMost(TIMEOUT).until(() -> !slack.socketMode().liveConnections().isEmpty());

      // Given alice writes to the bot in a thread of #ops
      ObjectNode payload = SlackSamples.tree(SlackSamples.THREAD_REPLY);
      ((ObjectNode) payload.get("event"))
          .put("text", "<@" + SlackSamples.BOT_USER_ID + "> run uptime on localhost");

      // When Slack delivers it over Socket Mode
      slack.socketMode().sendEvent(payload);

      // Then the ack and the result are posted into her thread, as Block Kit
      List<PostedMessage> answers =
          await()
              .atMost(TIMEOUT)
              .until(
                  () ->
                      slack.messages(SlackSamples.CHANNEL_ID).stream()
                          .filter(m -> THREAD.equals(m.threadTs()))
                          .toList(),
                  posted -> posted.size() >= 2);
      assertThat(answers).allSatisfy(m -> assertThat(blocks(m)).isNotNull());
      assertThat(blocks(answers.get(0)).toString()).contains("details available at");
      assertThat(blocks(answers.get(1)).toString()).contains("Ran command *uptime*");
      assertThat(answers.get(1).attachments().get(0).path("color").asText()).isNotEmpty();
    }
  }

  /** Block Kit at the top level, or inside the attachment that carries the status colour. */
  private static JsonNode blocks(PostedMessage message) {
    return message.blocks() != null ? message.blocks() : message.attachments().get(0).get("blocks");
  }
}
