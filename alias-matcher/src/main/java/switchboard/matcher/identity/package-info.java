/**
 * Who a chat user is in StackStorm: the provider's immutable user id within its workspace, looked
 * up in a snapshot of {@code chatops.identities} (architecture.md "Identity and permissions";
 * chat-providers.md §0 "Stable user key"). Never a display name, nick or email. Pure.
 */
package switchboard.matcher.identity;
