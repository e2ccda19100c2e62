/**
 * The StackStorm client: the only code in Switchboard that talks to StackStorm ({@code
 * shared/docs/stackstorm-contract.md}).
 *
 * <ul>
 *   <li>{@link switchboard.dispatcher.stackstorm.StackStormSettings} says where StackStorm is
 *       (behind nginx, or its three ports) and how to trust its TLS; {@link
 *       switchboard.dispatcher.stackstorm.StackStormCredentials} says who we are.
 *   <li>{@link switchboard.dispatcher.stackstorm.StackStormClient} lists aliases, runs aliases and
 *       actions, reads executions, and opens the event stream ({@link
 *       switchboard.dispatcher.stackstorm.StackStormStream}).
 *   <li>Failures come as three exceptions the caller routes differently: {@link
 *       switchboard.dispatcher.stackstorm.StackStormRejected} (the user's problem, st2's
 *       faultstring verbatim), {@link switchboard.dispatcher.stackstorm.StackStormUnavailable}
 *       (transient), {@link switchboard.dispatcher.stackstorm.StackStormAuthFailed} (our
 *       credentials; fail fast).
 * </ul>
 *
 * <p><b>Request ids.</b> An alias execution carries Switchboard's request id as {@code
 * source_context.request_id}. StackStorm keeps {@code source_context} only in the execution's
 * notify data and the result announcement, so {@link
 * switchboard.dispatcher.stackstorm.Execution#requestId()} reads it from {@code
 * liveaction.notify["on-complete"].data.source_context}; reconciliation lists recent executions
 * ({@link switchboard.dispatcher.stackstorm.ExecutionQuery}) and matches them by that id.
 *
 * <p><b>JSON.</b> The event stream carries every update of every execution, so its events stay text
 * ({@link switchboard.dispatcher.stackstorm.StreamEvent}) until a listener wants more than the
 * name: {@link switchboard.dispatcher.stackstorm.ExecutionStatus#scan} reads an update's request
 * id, id, status and link with a streaming parser and builds no tree. The records that do hold
 * parsed JSON ({@link switchboard.dispatcher.stackstorm.Execution}, {@link
 * switchboard.dispatcher.stackstorm.AliasExecutionResponse}, {@link
 * switchboard.dispatcher.stackstorm.AliasMatch}) keep the tree as parsed instead of a copy: nothing
 * in the dispatcher writes to it, and nothing may.
 */
package switchboard.dispatcher.stackstorm;
