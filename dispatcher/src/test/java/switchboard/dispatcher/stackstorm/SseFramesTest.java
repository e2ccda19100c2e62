package switchboard.dispatcher.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFramesTest {

  /** What st2's stream sent for one alias execution: a heartbeat, three updates, the result. */
  static byte[] recorded() throws IOException {
    try (InputStream in = SseFramesTest.class.getResourceAsStream("/st2/stream-one-command.txt")) {
      return in.readAllBytes();
    }
  }

  /** Feeds the bytes as reads of at most {@code chunk} bytes would bring them. */
  static List<StreamEvent> feed(byte[] bytes, int chunk) {
    SseFrames frames = new SseFrames();
    List<StreamEvent> events = new ArrayList<>();
    for (int from = 0; from < bytes.length; from += chunk) {
      frames.accept(bytes, from, Math.min(bytes.length, from + chunk), events::add);
    }
    return events;
  }

  static List<StreamEvent> feed(String text) {
    return feed(text.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
  }

  /** The lines, each ended by a line feed. */
  static List<StreamEvent> lines(String... lines) {
    return feed(String.join("\n", lines) + "\n");
  }

  @Test
  void shouldParseSt2FrameIntoNameAndData() {
    List<StreamEvent> events =
        lines(
            "event: st2.execution__update", "data: {\"id\": \"e1\", \"status\": \"running\"}", "");

    assertThat(events).hasSize(1);
    assertThat(events.get(0).name()).isEqualTo("st2.execution__update");
    assertThat(events.get(0).data()).isEqualTo("{\"id\": \"e1\", \"status\": \"running\"}");
    assertThat(events.get(0).json().get("status").asText()).isEqualTo("running");
  }

  @Test
  void shouldIgnoreHeartbeatsCommentsIdsAndRetry() {
    List<StreamEvent> events = lines("", "", ": keep-alive", "retry: 1000", "id: 7", "", "");

    assertThat(events).isEmpty();
  }

  @Test
  void shouldJoinMultilineDataAndKeepNonJsonAsText() {
    List<StreamEvent> events = lines("data: first", "data: second", "");

    assertThat(events.get(0).name()).isEqualTo("message");
    assertThat(events.get(0).data()).isEqualTo("first\nsecond");
    assertThat(events.get(0).json().asText()).isEqualTo("first\nsecond");
  }

  @Test
  void shouldReadFieldsByTheirExactNameWithOrWithoutValue() {
    List<StreamEvent> events =
        lines("events: a", "database: x", "data", "data:no space", "data:  two spaces", "");

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("message");
              assertThat(e.data()).isEqualTo("\nno space\n two spaces");
            });
  }

  @Test
  void shouldExposeAnnouncementRouteAndPayload() {
    StreamEvent event =
        lines(
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
    List<StreamEvent> events = lines("event: a", "data: 1", "", "data: 2", "", "event: lonely", "");

    assertThat(events).extracting(StreamEvent::name).containsExactly("a", "message");
  }

  @Test
  void shouldReadARecordedSt2StreamHoweverTheReadsSplitIt() throws IOException {
    byte[] stream = recorded();
    List<StreamEvent> whole = feed(stream, stream.length);

    assertThat(whole)
        .extracting(StreamEvent::name)
        .containsExactly(
            "st2.execution__update",
            "st2.execution__update",
            "st2.execution__update",
            "st2.announcement__switchboard");
    String text = new String(stream, StandardCharsets.UTF_8);
    assertThat(whole).allSatisfy(e -> assertThat(text).contains("\ndata: " + e.data() + "\n\n"));
    for (int chunk = 1; chunk <= 100; chunk++) {
      assertThat(feed(stream, chunk)).as("read %d bytes at a time", chunk).isEqualTo(whole);
    }
  }

  @Test
  void shouldTakeCrLfAndLoneCrAsOneLineBreakEach() {
    String crlf = "event: a\r\ndata: 1\r\ndata: 2\r\n\r\n";
    String cr = "event: b\rdata: 3\r\r";
    byte[] both = (crlf + cr).getBytes(StandardCharsets.UTF_8);

    for (int chunk = 1; chunk <= both.length; chunk++) {
      assertThat(feed(both, chunk))
          .as("read %d bytes at a time", chunk)
          .containsExactly(new StreamEvent("a", "1\n2"), new StreamEvent("b", "3"));
    }
  }

  @Test
  void shouldDecodeCharactersSplitAcrossReads() {
    String data = "{\"message\": \"déjà vu ☃ 😀\"}";
    byte[] bytes = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);

    assertThat(feed(bytes, 1)).containsExactly(new StreamEvent("message", data));
  }

  @Test
  void shouldReadEventsLargerThanItsBuffersAndGoOnAfterwards() {
    String big = "{\"stdout\": \"" + "x".repeat(300_000) + "\"}";
    byte[] bytes =
        ("event: big\ndata: " + big + "\n\nevent: small\ndata: {}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(feed(bytes, 8192))
        .containsExactly(new StreamEvent("big", big), new StreamEvent("small", "{}"));
  }

  @Test
  void shouldReuseTheNameOfARepeatedEvent() {
    List<StreamEvent> events = lines("event: st2.x", "data: 1", "", "event: st2.x", "data: 2", "");

    assertThat(events.get(1).name()).isSameAs(events.get(0).name());
  }
}
