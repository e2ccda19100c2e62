package switchboard.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.connector.OutboundReply;
import switchboard.records.Reply;
import switchboard.records.ReplyButton;
import switchboard.records.ReplyField;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;

class ReplyMappingTest {

  @Test
  void shouldCarryEveryPartOfThePortableReplyToTheConnector() {
    Reply reply =
        Reply.newBuilder(Replies.text("ops-slack", "C42", "req-1:result:0"))
            .setRequestId("req-1")
            .setKind(ReplyKind.RESULT)
            .setStatus(ReplyStatus.FAILURE)
            .setThread("1700000000.000100")
            .setMention("U123")
            .setWhisperTo("U456")
            .setPretext("Action core.local failed")
            .setText("status : failed")
            .setFields(
                List.of(
                    ReplyField.newBuilder().setTitle("host").setValue("web-1").build(),
                    ReplyField.newBuilder()
                        .setTitle("stderr")
                        .setValue("permission denied")
                        .setShort$(false)
                        .build()))
            .setCodeBlocks(List.of("$ uptime\n 09:00 up 3 days"))
            .setButtons(
                List.of(
                    ReplyButton.newBuilder()
                        .setActionId("retry")
                        .setLabel("Retry")
                        .setValue("req-1")
                        .setStyle("primary")
                        .build(),
                    ReplyButton.newBuilder()
                        .setActionId("ignore")
                        .setLabel("Ignore")
                        .setValue("req-1")
                        .build()))
            .setExtra(Map.of("slack", "{\"color\":\"#F35A00\"}", "teams", "{}"))
            .build();

    OutboundReply outbound = ReplyMapping.toOutbound(reply);

    assertThat(outbound)
        .isEqualTo(
            new OutboundReply(
                "req-1:result:0",
                "result",
                "T1",
                "C42",
                "1700000000.000100",
                "U123",
                "U456",
                "failure",
                "Action core.local failed",
                "status : failed",
                List.of(
                    new OutboundReply.Field("host", "web-1", true),
                    new OutboundReply.Field("stderr", "permission denied", false)),
                List.of("$ uptime\n 09:00 up 3 days"),
                List.of(
                    new OutboundReply.Button("retry", "Retry", "req-1", "primary"),
                    new OutboundReply.Button("ignore", "Ignore", "req-1", null)),
                Map.of("slack", "{\"color\":\"#F35A00\"}", "teams", "{}")));
  }

  @Test
  void shouldSpellKindsAsTheSpiDoesWithNoOptionalPartsSet() {
    Reply reply =
        Reply.newBuilder(Replies.text("console", "local", "r1"))
            .setKind(ReplyKind.NO_MATCH)
            .build();

    OutboundReply outbound = ReplyMapping.toOutbound(reply);

    assertThat(outbound.kind()).isEqualTo("no-match");
    assertThat(outbound.status()).isEqualTo("neutral");
    assertThat(outbound.thread()).isNull();
    assertThat(outbound.whisperTo()).isNull();
    assertThat(outbound.pretext()).isNull();
    assertThat(outbound.fields()).isEmpty();
    assertThat(outbound.buttons()).isEmpty();
    assertThat(outbound.extra()).isEmpty();
  }
}
