package switchboard.connector.slack;

import switchboard.testkit.connectors.ChatConnectorConformance;
import switchboard.testkit.connectors.ConformanceHarness;

/** The Slack connector passes the connector conformance kit, every case supported. */
class SlackConnectorConformanceTest extends ChatConnectorConformance {

  @Override
  protected ConformanceHarness createHarness() {
    return new SlackConformanceHarness();
  }
}
