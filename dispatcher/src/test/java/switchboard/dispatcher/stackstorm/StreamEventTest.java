package switchboard.dispatcher.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEventTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static StreamEvent announcement() throws IOException {
    return SseFramesTest.feed(SseFramesTest.recorded(), Integer.MAX_VALUE).stream()
        .filter(e -> e.name().equals("st2.announcement__switchboard"))
        .findFirst()
        .orElseThrow();
  }

  static StreamEvent withPayload(ObjectNode data) {
    return new StreamEvent("st2.announcement__switchboard", data.toString());
  }

  @Test
  void shouldReadTheRequestIdOfAnAnnouncementAndParseItsPayloadOnlyWhenAsked() throws IOException {
    StreamEvent event = announcement();

    assertThat(event.announcementRequestId()).contains("ops-slack:Ev06G4KQ7Z1P");
    assertThat(event.announcementPayload().get("message").asText())
        .startsWith("Ran command *date* on *1* hosts.");
    assertThat(event.announcementPayload()).isNotSameAs(event.announcementPayload());
  }

  @Test
  void shouldFindNoRequestIdInOtherAnnouncements() throws IOException {
    ObjectNode matchAndExecute = (ObjectNode) JSON.readTree(announcement().data());
    ((ObjectNode) matchAndExecute.get("payload")).putNull("context");
    ObjectNode hubots = (ObjectNode) JSON.readTree(announcement().data());
    ((ObjectNode) hubots.at("/payload/context")).remove("request_id");
    ObjectNode numbered = (ObjectNode) JSON.readTree(announcement().data());
    ((ObjectNode) numbered.at("/payload/context")).put("request_id", 7);

    for (ObjectNode other : List.of(matchAndExecute, hubots, numbered)) {
      assertThat(withPayload(other).announcementRequestId()).as(other.toString()).isEmpty();
    }
    assertThat(new StreamEvent("message", "not json").announcementRequestId()).isEmpty();
  }

  @Test
  void shouldKeepDataThatIsNotJsonAsText() {
    StreamEvent event = new StreamEvent("message", "{broken");

    assertThat(event.json().isTextual()).isTrue();
    assertThat(event.json().asText()).isEqualTo("{broken");
    assertThat(event.announcementPayload().isMissingNode()).isTrue();
  }
}
