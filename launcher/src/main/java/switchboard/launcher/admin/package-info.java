/**
 * What the administration commands ({@code switchboard identity}, {@code policy}, {@code audit})
 * share: the options that name the cluster, reading and writing Switchboard's topics, and plain
 * text tables.
 */
package switchboard.launcher.admin;
