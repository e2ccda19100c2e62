package switchboard.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConsoleHistoryTest {

  private final ConsoleHistory history = new ConsoleHistory(3);

  @Test
  void shouldKeepTheLastMessagesOfEachChannelInOrder() throws Exception {
    for (int i = 1; i <= 5; i++) {
      history.append("#ops", List.of(message("ops " + i, null, null)), null);
    }
    history.append("#dev", List.of(message("dev 1", null, null)), null);

    ConsoleHistory.Page ops = history.read("#ops", 0, null, Duration.ZERO);

    assertThat(ops.messages())
        .extracting(ConsoleMessage::text)
        .containsExactly("ops 3", "ops 4", "ops 5");
    assertThat(ops.messages()).extracting(ConsoleMessage::seq).containsExactly(3L, 4L, 5L);
    assertThat(ops.next()).isEqualTo(5);
    assertThat(history.read("#ops", 4, null, Duration.ZERO).messages())
        .extracting(ConsoleMessage::text)
        .containsExactly("ops 5");
  }

  @Test
  void shouldShowAGroupWithTheSameDedupeKeyOnce() throws Exception {
    ConsoleHistory.Appended first =
        history.append("#ops", List.of(message("hi", null, "event:1")), "event:1");

    ConsoleHistory.Appended again =
        history.append("#ops", List.of(message("hi", null, "event:1")), "event:1");

    assertThat(again.duplicate()).isTrue();
    assertThat(again.messages()).isEqualTo(first.messages());
    assertThat(history.read("#ops", 0, null, Duration.ZERO).messages()).hasSize(1);
  }

  @Test
  void shouldForgetADedupeKeyOnceItsMessageLeftTheHistory() throws Exception {
    history.append("#ops", List.of(message("hi", null, "event:1")), "event:1");
    for (int i = 0; i < 3; i++) {
      history.append("#ops", List.of(message("filler", null, null)), null);
    }

    ConsoleHistory.Appended again =
        history.append("#ops", List.of(message("hi", null, "event:1")), "event:1");

    assertThat(again.duplicate()).isFalse();
  }

  @Test
  void shouldShowAWhisperOnlyToItsUser() throws Exception {
    history.append("#ops", List.of(message("for alice", "alice", null)), null);

    assertThat(history.read("#ops", 0, "alice", Duration.ZERO).messages()).hasSize(1);
    assertThat(history.read("#ops", 0, "bob", Duration.ZERO).messages()).isEmpty();
    assertThat(history.read("#ops", 0, null, Duration.ZERO).messages()).isEmpty();
  }

  @Test
  void shouldWakeALongPollWhenAMessageArrives() throws Exception {
    CompletableFuture<ConsoleHistory.Page> poll =
        CompletableFuture.supplyAsync(() -> read("#ops", 0, "alice", Duration.ofSeconds(30)));

    history.append("#ops", List.of(message("to bob", "bob", null)), null);
    history.append("#ops", List.of(message("to all", null, null)), null);

    assertThat(poll.get(10, TimeUnit.SECONDS).messages())
        .extracting(ConsoleMessage::text)
        .containsExactly("to all");
  }

  @Test
  void shouldReleaseLongPollsOnClose() throws Exception {
    CompletableFuture<ConsoleHistory.Page> poll =
        CompletableFuture.supplyAsync(() -> read("#ops", 0, null, Duration.ofSeconds(30)));

    history.close();

    assertThat(poll.get(10, TimeUnit.SECONDS).messages()).isEmpty();
  }

  @Test
  void shouldReadFromTheStartWhenThePositionIsBeyondAnythingIssued() throws Exception {
    history.append("#ops", List.of(message("after a restart", null, null)), null);

    ConsoleHistory.Page page = history.read("#ops", 500, null, Duration.ZERO);

    assertThat(page.messages()).extracting(ConsoleMessage::text).containsExactly("after a restart");
    assertThat(page.next()).isEqualTo(1);
  }

  private ConsoleHistory.Page read(String channel, long after, String viewer, Duration wait) {
    try {
      return history.read(channel, after, viewer, wait);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static ConsoleMessage message(String text, String visibleTo, String dedupeKey) {
    return new ConsoleMessage(
        0,
        "bot",
        "switchboard",
        false,
        text,
        null,
        List.of(),
        List.of(),
        List.of(),
        "info",
        "neutral",
        null,
        null,
        visibleTo != null,
        null,
        null,
        null,
        "2026-11-28T10:00:00Z",
        visibleTo,
        dedupeKey);
  }
}
