package switchboard.testkit.connectors;

/** Provider behaviours a harness may declare it cannot produce (see {@link ConformanceHarness}). */
public enum ConformanceFeature {
  /** The provider never delivers an event twice. */
  REDELIVERY,
  /** The provider never delivers the bot's own messages to it. */
  OWN_MESSAGES,
  /** The provider has no other bots, or cannot tell them from users. */
  OTHER_BOT_MESSAGES,
  /** The provider has no way to mention a user. */
  BOT_MENTIONS,
  /** The provider never rate-limits posts. */
  RATE_LIMIT
}
