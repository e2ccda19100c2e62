/**
 * Self-service identity links: a chat user sends {@code link} to the bot in a direct conversation,
 * the alias matcher turns it into a {@code switchboard.link} command, and the dispatcher answers
 * with a one-time URL to a small page where the user signs in with their StackStorm credentials.
 * The dispatcher checks them with {@code POST <auth>/tokens} (stackstorm-contract.md §2) and writes
 * the {@code IdentityLink} to {@code chatops.identities}; the password is never stored or logged.
 */
package switchboard.dispatcher.identity;
