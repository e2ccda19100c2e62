package switchboard.testkit.connectors;

/**
 * An event the harness made the provider deliver, so it can deliver it again.
 *
 * @param reference the harness's own handle (a provider event id, a request body's id)
 * @param text the text the event carries
 */
public record ProviderEvent(String reference, String text) {}
