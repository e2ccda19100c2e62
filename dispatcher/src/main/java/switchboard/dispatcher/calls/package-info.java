/**
 * Resilient StackStorm calls: one circuit breaker and the retry policy every call of the dispatcher
 * goes through ({@link switchboard.dispatcher.calls.StackStormCalls}).
 */
package switchboard.dispatcher.calls;
