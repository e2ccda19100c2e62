package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.testkit.slack.SlackSamples.BOT_ID;
import static switchboard.testkit.slack.SlackSamples.BOT_USER_ID;
import static switchboard.testkit.slack.SlackSamples.CHANNEL_ID;
import static switchboard.testkit.slack.SlackSamples.DM_CHANNEL_ID;
import static switchboard.testkit.slack.SlackSamples.TEAM_ID;
import static switchboard.testkit.slack.SlackSamples.USER_ID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import switchboard.connector.InboundMessage;
import switchboard.testkit.slack.SlackSamples;

class SlackEventMapperTest {

  private static final Instant RECEIVED = Instant.parse("2024-06-10T06:13:20Z");
  private static final SlackBotIdentity BOT = new SlackBotIdentity(BOT_USER_ID, BOT_ID, TEAM_ID);

  private final SlackEventMapper mapper =
      new SlackEventMapper(BOT, SlackThreading.replyInCommandThread());

  private InboundMessage mapped(ObjectNode payload) {
    SlackMapping mapping = mapper.map(payload, RECEIVED);
    assertThat(mapping).isInstanceOf(SlackMapping.Mapped.class);
    return ((SlackMapping.Mapped) mapping).message();
  }

  @Test
  void shouldMapAChannelMessageAddressedToTheBot() {
    InboundMessage message = mapped(SlackSamples.tree(SlackSamples.MESSAGE));

    assertThat(message)
        .isEqualTo(
            new InboundMessage(
                TEAM_ID + "/" + CHANNEL_ID + "/1718000000.000100",
                TEAM_ID,
                CHANNEL_ID,
                false,
                null,
                "1718000000.000100",
                USER_ID,
                null,
                "<@U0BOT0001> st2 list packs",
                List.of("<@U0BOT0001>"),
                null,
                Map.of(
                    "slack.event_id", "Ev0MSG00001",
                    "slack.event_type", "message",
                    "slack.channel_type", "channel"),
                RECEIVED));
  }

  @Test
  void shouldGiveTheAppMentionOfAMessageTheMessagesEventId() {
    InboundMessage message = mapped(SlackSamples.tree(SlackSamples.MESSAGE));
    InboundMessage mention = mapped(SlackSamples.tree(SlackSamples.APP_MENTION));

    assertThat(mention.eventId()).isEqualTo(message.eventId());
    assertThat(mention.text()).isEqualTo(message.text());
    assertThat(mention.botMentions()).isEqualTo(message.botMentions());
    assertThat(mention.attributes()).containsEntry("slack.event_id", "Ev0MNT00001");
  }

  @Test
  void shouldKeepTheEventIdWhenSlackRetriesWithANewEnvelope() {
    ObjectNode retried = SlackSamples.tree(SlackSamples.MESSAGE);
    retried.put("event_time", 1718000009);

    assertThat(mapped(retried).eventId())
        .isEqualTo(mapped(SlackSamples.tree(SlackSamples.MESSAGE)).eventId());
  }

  @Test
  void shouldPutAThreadReplyInItsThread() {
    InboundMessage message = mapped(SlackSamples.tree(SlackSamples.THREAD_REPLY));

    assertThat(message.thread()).isEqualTo("1718000000.000100");
    assertThat(message.messageId()).isEqualTo("1718000060.000300");
    assertThat(message.botMentions()).containsExactly("<@U0BOT0001>");
  }

  @Test
  void shouldMarkADirectMessageWithoutAMention() {
    InboundMessage message = mapped(SlackSamples.tree(SlackSamples.DIRECT_MESSAGE));

    assertThat(message.direct()).isTrue();
    assertThat(message.channel()).isEqualTo(DM_CHANNEL_ID);
    assertThat(message.botMentions()).isEmpty();
    assertThat(message.text()).isEqualTo("st2 help");
  }

  @ParameterizedTest
  @CsvSource({
    "message_changed, message subtype message_changed",
    "channel_join, message subtype channel_join",
    "bot_message, message subtype bot_message",
    "own_bot_message, the bot's own message"
  })
  void shouldIgnoreHousekeepingAndBotMessages(String sample, String reason) {
    assertThat(mapper.map(SlackSamples.tree(sample), RECEIVED))
        .isEqualTo(new SlackMapping.Ignored(reason));
  }

  @Test
  void shouldIgnoreAMessageOfAnotherBotWithoutASubtype() {
    ObjectNode payload = SlackSamples.tree(SlackSamples.MESSAGE);
    ((ObjectNode) payload.get("event")).put("bot_id", "B0DEPLOY1");

    assertThat(mapper.map(payload, RECEIVED))
        .isEqualTo(new SlackMapping.Ignored("another bot's message"));
  }

  @Test
  void shouldKeepFileSharesAsUserMessages() {
    ObjectNode payload = SlackSamples.tree(SlackSamples.MESSAGE);
    ((ObjectNode) payload.get("event")).put("subtype", "file_share");

    assertThat(mapped(payload).text()).isEqualTo("<@U0BOT0001> st2 list packs");
  }

  @Test
  void shouldMapAButtonPressToAnInteractionNamingItsReply() {
    InboundMessage message = mapped(SlackSamples.tree(SlackSamples.BLOCK_ACTIONS));

    assertThat(message.interaction())
        .isEqualTo(
            new InboundMessage.Interaction(
                "approve", "st2 inquiry respond 42 approve", "r-42-prompt-0"));
    assertThat(message.eventId())
        .isEqualTo(
            TEAM_ID
                + "/"
                + CHANNEL_ID
                + "/action:7125040153456.1234567890123.1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d");
    assertThat(message.senderId()).isEqualTo(USER_ID);
    assertThat(message.senderName()).isEqualTo("alice");
    assertThat(message.thread()).isEqualTo("1718000000.000100");
    assertThat(message.messageId()).isEqualTo("1718000420.001000");
    assertThat(message.text()).isEmpty();
    assertThat(message.direct()).isFalse();
  }

  @Test
  void shouldKeyAnOrgWideInstallByTheEnterprise() {
    ObjectNode payload = SlackSamples.tree(SlackSamples.MESSAGE);
    payload.put("enterprise_id", "E0ORG0001");
    ObjectNode authorization = (ObjectNode) payload.get("authorizations").get(0);
    authorization.put("enterprise_id", "E0ORG0001");
    authorization.put("is_enterprise_install", true);

    InboundMessage message = mapped(payload);

    assertThat(message.workspace()).isEqualTo("E0ORG0001");
    assertThat(message.eventId()).isEqualTo("E0ORG0001/" + CHANNEL_ID + "/1718000000.000100");
  }

  @Test
  void shouldKeyAWorkspaceInstallOnGridByTheTeamAndKeepTheSendersTeam() {
    ObjectNode payload = SlackSamples.tree(SlackSamples.APP_MENTION);
    payload.put("enterprise_id", "E0ORG0001");
    ((ObjectNode) payload.get("event")).put("user_team", "T0OTHER01");

    InboundMessage message = mapped(payload);

    assertThat(message.workspace()).isEqualTo(TEAM_ID);
    assertThat(message.attributes())
        .containsEntry("slack.enterprise_id", "E0ORG0001")
        .containsEntry("slack.user_team", "T0OTHER01");
  }

  @Test
  void shouldRecordOnlyMentionsOfTheBot() {
    ObjectNode payload = SlackSamples.tree(SlackSamples.MESSAGE);
    ((ObjectNode) payload.get("event"))
        .put("text", "<@U0CAROL01> ask <@U0BOT0001|switchboard> and <@U0BOT0001|switchboard>");

    assertThat(mapped(payload).botMentions()).containsExactly("<@U0BOT0001|switchboard>");
  }

  @Test
  void shouldThreadEveryChannelCommandWhenAlways() {
    SlackEventMapper always =
        new SlackEventMapper(BOT, new SlackThreading(SlackThreading.Mode.ALWAYS, Map.of()));

    assertThat(always.map(SlackSamples.tree(SlackSamples.MESSAGE), RECEIVED))
        .extracting(m -> ((SlackMapping.Mapped) m).message().thread())
        .isEqualTo("1718000000.000100");
    assertThat(always.map(SlackSamples.tree(SlackSamples.DIRECT_MESSAGE), RECEIVED))
        .extracting(m -> ((SlackMapping.Mapped) m).message().thread())
        .isNull();
  }

  @Test
  void shouldFollowAChannelsThreadingOverride() {
    SlackEventMapper overridden =
        new SlackEventMapper(
            BOT,
            new SlackThreading(
                SlackThreading.Mode.ALWAYS, Map.of(CHANNEL_ID, SlackThreading.Mode.THREAD)));

    assertThat(overridden.map(SlackSamples.tree(SlackSamples.MESSAGE), RECEIVED))
        .extracting(m -> ((SlackMapping.Mapped) m).message().thread())
        .isNull();
  }

  @Test
  void shouldFindPayloadsSlackWouldNotSendUnreadable() {
    ObjectNode withoutEvent = SlackSamples.tree(SlackSamples.MESSAGE);
    withoutEvent.remove("event");
    ObjectNode withoutUser = SlackSamples.tree(SlackSamples.MESSAGE);
    ((ObjectNode) withoutUser.get("event")).remove("user");
    ObjectNode withoutType = SlackSamples.tree(SlackSamples.MESSAGE);
    withoutType.remove("type");

    assertThat(mapper.map(withoutEvent, RECEIVED)).isInstanceOf(SlackMapping.Unreadable.class);
    assertThat(mapper.map(withoutUser, RECEIVED)).isInstanceOf(SlackMapping.Unreadable.class);
    assertThat(mapper.map(withoutType, RECEIVED)).isInstanceOf(SlackMapping.Unreadable.class);
  }

  @Test
  void shouldIgnoreEventTypesThatAreNotMessages() {
    ObjectNode payload = SlackSamples.tree(SlackSamples.MESSAGE);
    ((ObjectNode) payload.get("event")).put("type", "reaction_added");

    assertThat(mapper.map(payload, RECEIVED))
        .isEqualTo(new SlackMapping.Ignored("event type reaction_added"));
  }
}
