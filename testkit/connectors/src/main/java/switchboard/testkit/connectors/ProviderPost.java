package switchboard.testkit.connectors;

/**
 * One message the provider side received from the connector.
 *
 * @param text the message text, decoded from provider markup back to plain text
 * @param upload the content of a file uploaded with it, or null
 */
public record ProviderPost(String text, String upload) {}
