package switchboard.dispatcher.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFramesTest {

  static List<StreamEvent> feed(String... lines) {
    SseFrames frames = new SseFrames();
    List<StreamEvent> events = new ArrayList<>();
    for (String line : lines) {
      frames.accept(line).ifPresent(events::add);
    }
    return events;
  }

  @Test
  void shouldParseSt2FrameIntoNameAndJson() {
    List<StreamEvent> events =
        feed("event: st2.execution__update", "data: {\"id\": \"e1\", \"status\": \"running\"}", "");

    assertThat(events).hasSize(1);
    assertThat(events.get(0).name()).isEqualTo("st2.execution__update");
    assertThat(events.get(0).data().get("status").asText()).isEqualTo("running");
  }

  @Test
  void shouldIgnoreHeartbeatsCommentsIdsAndRetry() {
    List<StreamEvent> events = feed("", "", ": keep-alive", "retry: 1000", "id: 7", "", "");

    assertThat(events).isEmpty();
  }

  @Test
  void shouldJoinMultilineDataAndKeepNonJsonAsText() {
    List<StreamEvent> events = feed("data: first", "data: second", "");

    assertThat(events.get(0).name()).isEqualTo("message");
    assertThat(events.get(0).data().asText()).isEqualTo("first\nsecond");
  }

  @Test
  void shouldExposeAnnouncementRouteAndPayload() {
    StreamEvent event =
        feed(
                "event: st2.announcement__switchboard",
                "data: {\"payload\": {\"channel\": \"C1\", \"message\": \"done\"}, \"trace_context\": null}",
                "")
            .get(0);

    assertThat(event.announcementRoute()).contains("switchboard");
    assertThat(event.announcementPayload().get("message").asText()).isEqualTo("done");
    assertThat(new StreamEvent("st2.execution__create", event.data()).announcementRoute())
        .isEmpty();
  }

  @Test
  void shouldStartFreshAfterEachFrame() {
    List<StreamEvent> events = feed("event: a", "data: 1", "", "data: 2", "", "event: lonely", "");

    assertThat(events).extracting(StreamEvent::name).containsExactly("a", "message");
  }
}
