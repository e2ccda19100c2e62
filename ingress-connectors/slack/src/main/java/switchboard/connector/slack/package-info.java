/**
 * The Slack connector, provider id {@code slack} (chat-providers.md §1).
 *
 * <p>Pure parts, no I/O and no SDK types: {@link switchboard.connector.slack.SlackEventMapper}
 * (payload to {@code InboundMessage}, with {@link
 * switchboard.connector.slack.SlackSelfMessageFilter} and {@link
 * switchboard.connector.slack.SlackThreading}), {@link
 * switchboard.connector.slack.SlackRequestVerifier} (Events API signatures), {@link
 * switchboard.connector.slack.SlackReplyRenderer} (reply to Web API calls) and {@link
 * switchboard.connector.slack.SlackApiErrors} (error codes to delivery outcomes).
 *
 * <p>Edges, on the Slack SDK for Java: {@link switchboard.connector.slack.SlackSocketModeIngress}
 * (SocketModeClient on Java-WebSocket), {@link switchboard.connector.slack.SlackEventsEndpoint}
 * (the JDK's HTTP server), {@link switchboard.connector.slack.SlackReplySender} (MethodsClient),
 * joined by {@link switchboard.connector.slack.SlackConnector}.
 *
 * <p>Decisions worth knowing before changing anything, each explained where it is made:
 *
 * <ul>
 *   <li>The event id is {@code <workspace>/<channel>/<ts>}, not Slack's {@code event_id}, so a
 *       message Slack reports both as {@code message} and as {@code app_mention} runs once ({@code
 *       SlackEventMapper}).
 *   <li>The workspace of an org-wide Enterprise Grid install is the enterprise id, which stays the
 *       same for a channel wherever its events come from ({@code SlackEventMapper}).
 *   <li>{@code reply.in.thread=always} is applied to inbound events (a top-level command becomes
 *       its own thread), because a reply only carries the thread it must go to ({@code
 *       SlackThreading}).
 *   <li>Envelopes are acknowledged before they are processed; repeats are dropped by event id
 *       ({@code SlackSocketModeIngress}, {@code SlackInbound}).
 * </ul>
 */
package switchboard.connector.slack;
