package switchboard.dispatcher.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The execution events of a recorded st2 stream, and variations of them. */
class ExecutionStatusTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String REQUEST_ID = "ops-slack:Ev06G4KQ7Z1P";

  static List<String> updates() throws IOException {
    return SseFramesTest.feed(SseFramesTest.recorded(), Integer.MAX_VALUE).stream()
        .filter(e -> e.name().equals("st2.execution__update"))
        .map(StreamEvent::data)
        .toList();
  }

  static ObjectNode tree(String json) throws IOException {
    return (ObjectNode) JSON.readTree(json);
  }

  /** The same JSON with every object's keys in reverse order. */
  static JsonNode reversed(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      Collections.reverse(fields);
      ObjectNode copy = JSON.createObjectNode();
      fields.forEach(f -> copy.set(f.getKey(), reversed(f.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      node.forEach(element -> copy.add(reversed(element)));
      return copy;
    }
    return node;
  }

  @Test
  void shouldReadRequestIdIdStatusAndLinkOfEachUpdate() throws IOException {
    List<ExecutionStatus> seen =
        updates().stream().map(ExecutionStatus::scan).map(Optional::orElseThrow).toList();

    assertThat(seen)
        .extracting(ExecutionStatus::status)
        .containsExactly("scheduled", "running", "succeeded");
    assertThat(seen).extracting(ExecutionStatus::isTerminal).containsExactly(false, false, true);
    assertThat(seen)
        .allSatisfy(
            s -> {
              assertThat(s.requestId()).isEqualTo(REQUEST_ID);
              assertThat(s.hasFailed()).isFalse();
              assertThat(s.executionId()).matches("[0-9a-f]{24}");
              assertThat(s.webUrl()).endsWith("/#/history/" + s.executionId() + "/general");
            });
  }

  @Test
  void shouldAgreeWithTheWholeExecutionWhateverTheOrderOfKeys() throws IOException {
    for (String update : updates()) {
      Execution execution = Execution.from(tree(update));
      ExecutionStatus expected =
          new ExecutionStatus(
              execution.requestId().orElseThrow(),
              execution.id(),
              execution.status(),
              execution.webUrl());

      assertThat(ExecutionStatus.scan(update)).contains(expected);
      assertThat(ExecutionStatus.scan(reversed(tree(update)).toString())).contains(expected);
    }
  }

  @Test
  void shouldPassOverExecutionsSwitchboardDidNotStart() throws IOException {
    String update = updates().get(2);
    ObjectNode noNotify = tree(update);
    ((ObjectNode) noNotify.get("liveaction")).remove("notify");
    ObjectNode hubots = tree(update);
    ((ObjectNode) hubots.at("/liveaction/notify/on-complete/data/source_context"))
        .remove("request_id");
    ObjectNode numbered = tree(update);
    ((ObjectNode) numbered.at("/liveaction/notify/on-complete/data/source_context"))
        .put("request_id", 42);
    ObjectNode noLiveaction = tree(update);
    noLiveaction.remove("liveaction");
    ObjectNode misplaced = tree(update);
    misplaced.remove("liveaction");
    ((ObjectNode) misplaced.get("context")).put("request_id", REQUEST_ID);

    for (JsonNode other : List.of(noNotify, hubots, numbered, noLiveaction, misplaced)) {
      assertThat(ExecutionStatus.scan(other.toString())).as(other.toString()).isEmpty();
    }
  }

  @Test
  void shouldPassOverDataThatIsNoExecution() {
    for (String data : List.of("", "not json", "[1, 2]", "\"text\"", "null", "{\"id\": ")) {
      assertThat(ExecutionStatus.scan(data)).as(data).isEmpty();
    }
  }

  @Test
  void shouldStopReadingOnceItHasWhatItNeeds() throws IOException {
    String update = updates().get(0);
    // Cut inside "parameters", which follows web_url in st2's order: the rest is never read.
    int parameters = update.indexOf("\"parameters\"", update.indexOf("\"web_url\""));
    String cut = update.substring(0, parameters + 20);

    assertThat(ExecutionStatus.scan(cut)).map(ExecutionStatus::status).contains("scheduled");
  }

  @Test
  void shouldTakeWhatIsThereWhenFieldsAreMissing() throws IOException {
    ObjectNode bare = tree(updates().get(1));
    bare.remove(List.of("id", "status", "web_url"));

    assertThat(ExecutionStatus.scan(bare.toString()))
        .contains(new ExecutionStatus(REQUEST_ID, "", null, null));
    assertThat(new ExecutionStatus(REQUEST_ID, "", null, null).isTerminal()).isFalse();
  }

  @Test
  void shouldTellFailuresLikeTheWholeExecution() {
    for (String status : List.of("failed", "timeout", "abandoned", "canceled", "paused")) {
      ExecutionStatus seen = new ExecutionStatus(REQUEST_ID, "e1", status, null);
      Execution whole =
          new Execution(
              "e1",
              "core.remote",
              status,
              null,
              JSON.createObjectNode(),
              JSON.nullNode(),
              JSON.createObjectNode());

      assertThat(seen.isTerminal()).as(status).isEqualTo(whole.isTerminal());
      assertThat(seen.hasFailed()).as(status).isEqualTo(whole.hasFailed());
    }
  }
}
