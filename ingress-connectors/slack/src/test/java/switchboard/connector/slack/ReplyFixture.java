package switchboard.connector.slack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import switchboard.connector.OutboundReply;
import switchboard.testkit.slack.SlackSamples;

/** Builds {@link OutboundReply} values for tests: a neutral result in the sample channel. */
final class ReplyFixture {

  private String replyId = "r-1-result-0";
  private String kind = "result";
  private String channel = SlackSamples.CHANNEL_ID;
  private String thread;
  private String mention;
  private String whisperTo;
  private String status = "neutral";
  private String pretext;
  private String text = "";
  private final List<OutboundReply.Field> fields = new ArrayList<>();
  private final List<String> codeBlocks = new ArrayList<>();
  private final List<OutboundReply.Button> buttons = new ArrayList<>();
  private final Map<String, String> extra = new HashMap<>();

  static ReplyFixture reply(String text) {
    ReplyFixture fixture = new ReplyFixture();
    fixture.text = text;
    return fixture;
  }

  ReplyFixture id(String replyId) {
    this.replyId = replyId;
    return this;
  }

  ReplyFixture kind(String kind) {
    this.kind = kind;
    return this;
  }

  ReplyFixture channel(String channel) {
    this.channel = channel;
    return this;
  }

  ReplyFixture thread(String thread) {
    this.thread = thread;
    return this;
  }

  ReplyFixture mention(String user) {
    this.mention = user;
    return this;
  }

  ReplyFixture whisperTo(String user) {
    this.whisperTo = user;
    return this;
  }

  ReplyFixture status(String status) {
    this.status = status;
    return this;
  }

  ReplyFixture pretext(String pretext) {
    this.pretext = pretext;
    return this;
  }

  ReplyFixture field(String title, String value) {
    fields.add(new OutboundReply.Field(title, value, true));
    return this;
  }

  ReplyFixture code(String code) {
    codeBlocks.add(code);
    return this;
  }

  ReplyFixture button(String actionId, String label, String value, String style) {
    buttons.add(new OutboundReply.Button(actionId, label, value, style));
    return this;
  }

  ReplyFixture slackExtra(String json) {
    extra.put("slack", json);
    return this;
  }

  OutboundReply build() {
    return new OutboundReply(
        replyId,
        kind,
        SlackSamples.TEAM_ID,
        channel,
        thread,
        mention,
        whisperTo,
        status,
        pretext,
        text,
        fields,
        codeBlocks,
        buttons,
        extra);
  }
}
