package switchboard.connector;

import java.time.Duration;

/**
 * What a provider can do. The notifier paces each conversation by {@link #minInterval()}, and the
 * renderer splits text at {@link #maxMessageChars()}.
 *
 * @param threads replies can go into a thread
 * @param buttons interactive buttons render
 * @param whispers replies can be shown to one user only
 * @param edits posted messages can be edited
 * @param fileUpload long output can be uploaded as a file
 * @param maxMessageChars the longest text one message may carry
 * @param minInterval the shortest gap between two messages in one conversation (e.g. Slack: about
 *     one per second per channel)
 */
public record Capabilities(
    boolean threads,
    boolean buttons,
    boolean whispers,
    boolean edits,
    boolean fileUpload,
    int maxMessageChars,
    Duration minInterval) {}
