package switchboard.connector.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import switchboard.connector.ChatConnectorProvider;

/**
 * The chat providers on the class path, by id. An instance, not static state, so that a launcher
 * and each test hold their own (style.md §5; unlike Strimzi's static plugin factory).
 */
public final class ProviderCatalog {

  private final Map<String, ChatConnectorProvider> byId;

  private ProviderCatalog(Map<String, ChatConnectorProvider> byId) {
    this.byId = byId;
  }

  /**
   * Every provider registered in {@code
   * META-INF/services/switchboard.connector.ChatConnectorProvider} visible to {@code loader}.
   *
   * @throws IllegalStateException when two providers claim the same id
   */
  public static ProviderCatalog load(ClassLoader loader) {
    return of(
        ServiceLoader.load(ChatConnectorProvider.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /**
   * The given providers.
   *
   * @throws IllegalStateException when two providers claim the same id
   */
  public static ProviderCatalog of(Collection<? extends ChatConnectorProvider> providers) {
    Map<String, ChatConnectorProvider> byId = new TreeMap<>();
    for (ChatConnectorProvider provider : providers) {
      ChatConnectorProvider earlier = byId.putIfAbsent(provider.id(), provider);
      if (earlier != null) {
        throw new IllegalStateException(
            "two chat providers claim the id '"
                + provider.id()
                + "': "
                + earlier.getClass().getName()
                + " and "
                + provider.getClass().getName()
                + "; remove one of them from the class path");
      }
    }
    return new ProviderCatalog(byId);
  }

  /** The given providers. */
  public static ProviderCatalog of(ChatConnectorProvider... providers) {
    return of(List.of(providers));
  }

  /** The provider with this id, if one is on the class path. */
  public Optional<ChatConnectorProvider> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every available provider id, sorted. */
  public SortedSet<String> ids() {
    return new TreeSet<>(byId.keySet());
  }
}
