package switchboard.dispatcher.stackstorm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the bytes of a text/event-stream into events (WHATWG HTML "server-sent events" parsing, as
 * StackStorm writes them, contract §6): lines end with LF, CRLF or CR; {@code event:} and {@code
 * data:} fields end with a blank line; a blank line with no data before it is st2's heartbeat and
 * yields nothing; {@code id:}, {@code retry:} and {@code :comment} lines are ignored. Not
 * thread-safe: one per connection.
 *
 * <p>Bytes are taken as they arrive, split anywhere, and parsed in buffers kept for the whole
 * connection: every execution update of every execution passes through here, so an event leaves no
 * garbage but itself (its data decoded once into a String; its name reused while it repeats, as
 * st2's few event names do). Lines stay bytes until then, so a character split across reads is
 * never decoded in halves.
 */
final class SseFrames {

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] LF = {'\n'};
  private static final int INITIAL = 4096;

  /** A buffer grown past this for one huge event is let go afterwards, not kept for good. */
  private static final int KEEP = 64 * 1024;

  /** The subscription asks for a handful of event names; names beyond this are not cached. */
  private static final int NAMES = 16;

  private record Name(byte[] bytes, String text) {}

  private final List<Name> names = new ArrayList<>();
  private byte[] line = new byte[INITIAL];
  private int lineLength;
  private byte[] data = new byte[INITIAL];
  private int dataLength;
  private boolean hasData;
  private String event;
  private boolean afterCr;

  /** Feeds the next bytes of the stream; hands each event they complete to {@code events}. */
  void accept(byte[] bytes, int from, int to, Consumer<StreamEvent> events) {
    int start = from;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      boolean lfAfterCr = afterCr && b == '\n';
      afterCr = b == '\r';
      if (lfAfterCr) {
        // The CR already ended the line: CRLF is one line break.
        start = i + 1;
      } else if (b == '\n' || b == '\r') {
        endLine(bytes, start, i, events);
        start = i + 1;
      }
    }
    if (start < to) {
      line = append(line, lineLength, bytes, start, to);
      lineLength += to - start;
    }
  }

  /** A line ends at {@code end}; its start may have come with earlier bytes. */
  private void endLine(byte[] bytes, int start, int end, Consumer<StreamEvent> events) {
    if (lineLength == 0) {
      field(bytes, start, end, events);
      return;
    }
    line = append(line, lineLength, bytes, start, end);
    lineLength += end - start;
    field(line, 0, lineLength, events);
    lineLength = 0;
    if (line.length > KEEP) {
      line = new byte[INITIAL];
    }
  }

  private void field(byte[] bytes, int start, int end, Consumer<StreamEvent> events) {
    if (start == end) {
      dispatch(events);
      return;
    }
    if (bytes[start] == ':') {
      return;
    }
    int colon = start;
    while (colon < end && bytes[colon] != ':') {
      colon++;
    }
    int value = Math.min(colon + 1, end);
    if (value < end && bytes[value] == ' ') {
      value++;
    }
    if (Arrays.equals(bytes, start, colon, DATA, 0, DATA.length)) {
      if (hasData) {
        data = append(data, dataLength, LF, 0, 1);
        dataLength++;
      }
      data = append(data, dataLength, bytes, value, end);
      dataLength += end - value;
      hasData = true;
    } else if (Arrays.equals(bytes, start, colon, EVENT, 0, EVENT.length)) {
      event = name(bytes, value, end);
    }
  }

  private void dispatch(Consumer<StreamEvent> events) {
    if (dataLength > 0) {
      String name = event == null || event.isEmpty() ? "message" : event;
      events.accept(new StreamEvent(name, new String(data, 0, dataLength, StandardCharsets.UTF_8)));
    }
    event = null;
    dataLength = 0;
    hasData = false;
    if (data.length > KEEP) {
      data = new byte[INITIAL];
    }
  }

  private String name(byte[] bytes, int start, int end) {
    for (Name name : names) {
      if (Arrays.equals(bytes, start, end, name.bytes(), 0, name.bytes().length)) {
        return name.text();
      }
    }
    String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
    if (names.size() < NAMES) {
      names.add(new Name(Arrays.copyOfRange(bytes, start, end), text));
    }
    return text;
  }

  /** Copies {@code bytes[from, to)} after the first {@code length} bytes of {@code buffer}. */
  private static byte[] append(byte[] buffer, int length, byte[] bytes, int from, int to) {
    int needed = length + (to - from);
    byte[] target =
        needed <= buffer.length
            ? buffer
            : Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    System.arraycopy(bytes, from, target, length, to - from);
    return target;
  }
}
