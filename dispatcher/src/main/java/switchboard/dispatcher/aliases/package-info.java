/**
 * The alias catalogue: {@link switchboard.dispatcher.aliases.AliasCatalogSync} keeps the compacted
 * {@code chatops.aliases} topic equal to StackStorm's aliases; the pure {@link
 * switchboard.dispatcher.aliases.AliasDefinitions} maps st2's JSON to the record.
 */
package switchboard.dispatcher.aliases;
