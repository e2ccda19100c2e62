package switchboard.connector;

/**
 * One running connector instance: an ingress half that pushes what users write to the {@link
 * InboundSink}, and an egress half that posts replies. A connector never creates a Kafka producer;
 * the runtime owns keys, event ids, producing, retries and dead letters (Kafka Connect's split
 * between task and worker).
 */
public interface ChatConnector extends AutoCloseable {

  /** Connects to the provider and begins pushing inbound messages to the sink. */
  void start() throws Exception;

  /** What the provider can do; the notifier renders and paces by it. */
  Capabilities capabilities();

  /**
   * Posts one reply. Called from one thread per conversation at a time, in order; different
   * conversations may be delivered concurrently.
   *
   * @return the outcome; never throws for provider errors, which are outcomes
   */
  DeliveryResult deliver(OutboundReply reply);

  /** Disconnects; idempotent. */
  @Override
  void close();
}
