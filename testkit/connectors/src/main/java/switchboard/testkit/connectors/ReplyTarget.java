package switchboard.testkit.connectors;

/**
 * A conversation of the provider side, as an {@code OutboundReply} names it.
 *
 * @param workspace the workspace, "" when the provider has none
 * @param channel the provider's conversation id
 */
public record ReplyTarget(String workspace, String channel) {}
