/**
 * Results back to chat: {@link switchboard.dispatcher.results.ResultFollower} follows the stream,
 * reads executions back after reconnects and on a timer, and falls back to {@code
 * chatops.format_execution_result} when an announcement never comes; the pure {@link
 * switchboard.dispatcher.results.ResultReplies} turns an announcement into the RESULT reply.
 */
package switchboard.dispatcher.results;
