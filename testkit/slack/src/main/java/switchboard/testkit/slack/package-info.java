/**
 * A local Slack for tests: {@link switchboard.testkit.slack.LocalSlack} (Web API and Socket Mode
 * servers), {@link switchboard.testkit.slack.SignedEventRequest} (signed Events API requests) and
 * {@link switchboard.testkit.slack.SlackSamples} (recorded payloads). Everything follows Slack's
 * published contract as summarised in {@code shared/docs/chat-providers.md} §1.
 */
package switchboard.testkit.slack;
