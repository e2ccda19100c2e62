package switchboard.dispatcher.calls;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import switchboard.dispatcher.stackstorm.AliasExecutionRequest;
import switchboard.dispatcher.stackstorm.AliasExecutionResponse;
import switchboard.dispatcher.stackstorm.Execution;
import switchboard.dispatcher.stackstorm.ExecutionQuery;
import switchboard.dispatcher.stackstorm.StackStormClient;
import switchboard.dispatcher.stackstorm.StackStormUnavailable;

/**
 * Every StackStorm call of the dispatcher goes through here: through one circuit breaker, so an
 * outage is probed by a few calls instead of hammered by every queued command, and with the retry
 * policy of {@link CallSettings}. Calls block the calling thread; callers run them on a bounded
 * executor. Thread-safe.
 *
 * <p>Only {@link StackStormUnavailable} (no connection, timeout, 5xx, 408, 429) counts as a failure
 * of StackStorm; a refusal (4xx) is StackStorm working as it should.
 */
public final class StackStormCalls {

  private final StackStormClient client;
  private final CallSettings settings;
  private final Clock clock;
  private final CircuitBreaker breaker;
  private final IntervalFunction backoff;

  public StackStormCalls(StackStormClient client, CallSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.breaker =
        CircuitBreaker.of(
            "stackstorm",
            CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(Math.min(settings.windowSize(), 5))
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(StackStormUnavailable.class::isInstance)
                .build());
    this.backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            settings.initialBackoff(),
            settings.multiplier(),
            settings.jitter(),
            settings.maxBackoff());
  }

  /** Whether a failure is worth retrying: StackStorm unavailable, or the breaker open. */
  public static boolean isTransient(Throwable error) {
    Throwable cause = unwrap(error);
    return cause instanceof StackStormUnavailable || cause instanceof CallNotPermittedException;
  }

  /** The cause of a {@link CompletionException}, or the error itself. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * A retry for one piece of work that retries transient failures until {@code deadline}: waits
   * follow the backoff, or StackStorm's {@code Retry-After} when it sent one, and never overshoot
   * the deadline, so the last attempt happens at it.
   */
  public Retry retryUntil(String name, Instant deadline) {
    RetryConfig config =
        RetryConfig.<Object>custom()
            .maxAttempts(Integer.MAX_VALUE)
            .retryOnException(e -> isTransient(e) && clock.instant().isBefore(deadline))
            .intervalBiFunction(
                (attempt, outcome) -> {
                  long wait = wait(attempt, outcome.isLeft() ? outcome.getLeft() : null);
                  long left = Duration.between(clock.instant(), deadline).toMillis();
                  return Math.max(1, Math.min(wait, left));
                })
            .build();
    return Retry.of(name, config);
  }

  private long wait(int attempt, Throwable error) {
    Throwable cause = error == null ? null : unwrap(error);
    if (cause instanceof StackStormUnavailable unavailable
        && unavailable.retryAfter().isPresent()) {
      return unavailable.retryAfter().get().toMillis();
    }
    return backoff.apply(attempt);
  }

  public AliasExecutionResponse executeAlias(AliasExecutionRequest request) {
    return call(() -> client.executeAlias(request));
  }

  public Execution getExecution(String id) {
    return call(() -> client.getExecution(id));
  }

  public List<Execution> listExecutions(ExecutionQuery query) {
    return call(() -> client.listExecutions(query));
  }

  public Execution runAction(String actionRef, JsonNode parameters) {
    return call(() -> client.runAction(actionRef, parameters));
  }

  public List<JsonNode> listAliases() {
    return call(client::listAliases);
  }

  public List<JsonNode> listActions() {
    return call(client::listActions);
  }

  public List<JsonNode> listRunnerTypes() {
    return call(client::listRunnerTypes);
  }

  /** The breaker's state, for metrics and logs. */
  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  public CallSettings settings() {
    return settings;
  }

  private <T> T call(Supplier<T> call) {
    return breaker.executeSupplier(call);
  }
}
