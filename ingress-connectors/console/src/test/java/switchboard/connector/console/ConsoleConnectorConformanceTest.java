package switchboard.connector.console;

import switchboard.testkit.connectors.ChatConnectorConformance;
import switchboard.testkit.connectors.ConformanceHarness;

/** The console passes the connector conformance kit, every case supported. */
class ConsoleConnectorConformanceTest extends ChatConnectorConformance {

  @Override
  protected ConformanceHarness createHarness() {
    return new ConsoleConformanceHarness();
  }
}
