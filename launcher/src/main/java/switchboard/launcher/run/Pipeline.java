package switchboard.launcher.run;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import switchboard.connector.runtime.ConnectorRuntime;
import switchboard.connector.runtime.ProviderCatalog;
import switchboard.dispatcher.Dispatcher;
import switchboard.dispatcher.DispatcherConfig;
import switchboard.matcher.AliasMatcherApp;
import switchboard.matcher.AliasMatcherConfig;
import switchboard.notifier.Notifier;
import switchboard.notifier.NotifierConfig;
import switchboard.schemas.Topics;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Starts each component from one flat configuration, the same way for {@code switchboard up} and
 * {@code switchboard run}; every component reads its own keys and the shared {@code kafka.*}.
 */
public final class Pipeline {

  private static final String KAFKA_PREFIX = "kafka.";

  private final Map<String, String> config;
  private final Topics topics;
  private final RecordSerdes serdes;
  private final MeterRegistry meters;

  public Pipeline(
      Map<String, String> config, Topics topics, RecordSerdes serdes, MeterRegistry meters) {
    this.config = Map.copyOf(config);
    this.topics = topics;
    this.serdes = serdes;
    this.meters = meters;
  }

  /** The alias matcher, started. */
  public AliasMatcherApp matcher() {
    AliasMatcherApp matcher = new AliasMatcherApp(new AliasMatcherConfig(config), topics, serdes);
    matcher.start();
    return matcher;
  }

  /** The dispatcher, started: alias sync, commands to StackStorm, results back. */
  public Dispatcher dispatcher() {
    Dispatcher dispatcher =
        new Dispatcher(DispatcherConfig.from(config), topics, serdes, meters, Clock.systemUTC());
    dispatcher.start();
    return dispatcher;
  }

  /** The chat connectors configured under {@code connectors.*}, started. */
  public ConnectorRuntime connectors() throws Exception {
    ConnectorRuntime runtime =
        ConnectorRuntime.builder()
            .config(withPrefix("connectors.", false))
            .kafka(withPrefix(KAFKA_PREFIX, true))
            .topics(topics)
            .serdes(serdes)
            .providers(ProviderCatalog.load(Pipeline.class.getClassLoader()))
            .meters(meters)
            .clock(Clock.systemUTC())
            .build();
    runtime.start();
    return runtime;
  }

  /** The notifier, delivering through {@code runtime}'s connectors, started. */
  public Notifier notifier(ConnectorRuntime runtime) {
    Notifier notifier =
        new Notifier(
            NotifierConfig.from(config),
            topics,
            serdes,
            instance -> Optional.ofNullable(runtime.connectors().get(instance)),
            meters,
            Clock.systemUTC());
    notifier.start();
    return notifier;
  }

  /**
   * The keys under {@code prefix}, sorted so that instances start in a stable order whatever file
   * or environment they came from.
   */
  private Map<String, String> withPrefix(String prefix, boolean strip) {
    Map<String, String> selected = new TreeMap<>();
    config.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            selected.put(strip ? key.substring(prefix.length()) : key, value);
          }
        });
    return selected;
  }
}
