package switchboard.connector.slack;

import java.util.Map;

/**
 * Where replies to a command go: {@code thread} answers in a thread only when the command was
 * written in one; {@code always} answers every channel command in a thread under it. Pure.
 *
 * <p>Replies carry the thread of the event they answer (ChatEvent.thread → CommandRequest.thread →
 * Reply.thread), and the notifier posts into exactly that thread. So {@code always} is applied
 * where the event is read: a top-level command gets its own {@code ts} as its thread, which in
 * Slack is the parent {@code thread_ts} of a reply under it (chat-providers.md §1.3: thread_ts is
 * the parent message's ts). Direct conversations never thread: there every message is addressed to
 * the bot, and a thread per command would only hide the answers.
 *
 * @param defaultMode the mode of channels without an override
 * @param channelModes per-channel overrides, channel id to mode
 */
record SlackThreading(Mode defaultMode, Map<String, Mode> channelModes) {

  /** The two modes, named as in config. */
  enum Mode {
    THREAD,
    ALWAYS
  }

  SlackThreading {
    channelModes = Map.copyOf(channelModes);
  }

  /** Replies go to the command's thread when it has one, else to the channel. */
  static SlackThreading replyInCommandThread() {
    return new SlackThreading(Mode.THREAD, Map.of());
  }

  /**
   * The thread a message's replies go to.
   *
   * @param channel the conversation id
   * @param direct true in a direct conversation
   * @param ts the message's own ts
   * @param threadTs the thread it was written in, or null
   * @return the thread to answer in, or null for the conversation itself
   */
  String replyThread(String channel, boolean direct, String ts, String threadTs) {
    if (threadTs != null) {
      return threadTs;
    }
    if (direct) {
      return null;
    }
    return channelModes.getOrDefault(channel, defaultMode) == Mode.ALWAYS ? ts : null;
  }
}
