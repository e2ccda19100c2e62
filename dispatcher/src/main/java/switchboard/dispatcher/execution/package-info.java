/**
 * Commands to StackStorm: {@link switchboard.dispatcher.execution.CommandIntake} reads {@code
 * chatops.commands}, {@link switchboard.dispatcher.execution.CommandDispatch} runs each through
 * {@code POST /api/v1/aliasexecution} at most once (reconciling after crashes, retrying while
 * StackStorm is unavailable), and the pure {@link switchboard.dispatcher.execution.CommandReplies}
 * renders the ack and the error replies as hubot does.
 */
package switchboard.dispatcher.execution;
