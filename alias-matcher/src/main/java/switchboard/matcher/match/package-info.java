/**
 * Alias selection with st2's decision rule (contract §3.2): {@link
 * switchboard.matcher.match.LinearAliasMatcher} is the reference scan, {@link
 * switchboard.matcher.match.IndexedAliasMatcher} gives the same answers through an index. Pure.
 */
package switchboard.matcher.match;
