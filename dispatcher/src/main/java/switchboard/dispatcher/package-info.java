/**
 * The dispatcher component: {@link switchboard.dispatcher.Dispatcher} runs matched commands through
 * StackStorm exactly once, brings every result back and keeps the alias catalogue in sync; {@link
 * switchboard.dispatcher.DispatcherConfig} holds its settings. How the parts fit, and why: {@code
 * DESIGN.md} beside this file.
 */
package switchboard.dispatcher;
