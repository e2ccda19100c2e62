package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The double's executions and their simulated life: {@code requested → scheduled → running →} the
 * action's outcome, each step published on the stream as {@code st2.execution__create} or {@code
 * __update} (contract §5, §6). When an execution with a notify route finishes, the chatops pack's
 * work is simulated: the result is formatted ({@link FormatExecutionResult}) and posted as {@code
 * st2.announcement__<route>} (contract §7), as if a rule like the recommended {@code notify_errbot}
 * copy, passing {@code route: "{{ trigger.route }}"}, were installed for every route.
 *
 * <p>Its memory is bounded by a history size: beyond it the oldest finished executions and the
 * counts of the oldest request ids are forgotten, much as st2's garbage collector purges old
 * executions. Executions still in flight are always kept. Thread-safe: all state is guarded by this
 * object's lock.
 */
final class Executions {

  static final String FORMAT_EXECUTION_RESULT = "chatops.format_execution_result";

  /**
   * The notify spec an alias execution carries (contract §4.4 step 4).
   *
   * @param route the {@code on_complete} route; null when the request named none
   * @param data {@code {user, source_channel, source_context}}
   */
  record Notify(String route, JsonNode data) {}

  /** One execution; mutated only under the store's lock. */
  private static final class Simulated {
    final long sequence;
    final String id = St2Values.objectId();
    final String liveactionId = St2Values.objectId();
    final ActionSpec action;
    final ObjectNode parameters;
    final ObjectNode context;
    final Notify notify;
    final Instant start;
    final List<ObjectNode> log = new ArrayList<>();
    String status;
    Instant end;
    JsonNode result = St2Values.object();

    Simulated(
        long sequence,
        ActionSpec action,
        ObjectNode parameters,
        ObjectNode context,
        Notify notify,
        Instant start) {
      this.sequence = sequence;
      this.action = action;
      this.parameters = parameters;
      this.context = context;
      this.notify = notify;
      this.start = start;
    }
  }

  private final Map<String, Simulated> byId = new HashMap<>();
  private final Deque<String> finishedIds = new ArrayDeque<>();

  /** In the order request ids were first counted, so the oldest go first. */
  private final Map<String, Integer> perRequestId = new LinkedHashMap<>();

  private final int history;
  private long nextSequence;

  private final List<String> lostAnnouncements = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler;
  private final EventStream stream;
  private final FormatExecutionResult formatter;
  private final AnnouncementLoss loss;
  private final Supplier<Duration> delay;
  private final Supplier<String> webUiBaseUrl;
  private final Clock clock;

  Executions(
      ScheduledExecutorService scheduler,
      EventStream stream,
      FormatExecutionResult formatter,
      AnnouncementLoss loss,
      Supplier<Duration> delay,
      Supplier<String> webUiBaseUrl,
      Clock clock,
      int history) {
    this.scheduler = scheduler;
    this.stream = stream;
    this.formatter = formatter;
    this.loss = loss;
    this.delay = delay;
    this.webUiBaseUrl = webUiBaseUrl;
    this.clock = clock;
    this.history = history;
  }

  /**
   * Creates an execution in state {@code requested}, publishes {@code st2.execution__create} and
   * schedules the rest of its life.
   *
   * @param requestId counted for {@link #count(String)}; null when the request carried none
   * @return the execution as the API returns it
   */
  synchronized ObjectNode create(
      ActionSpec action,
      ObjectNode parameters,
      ObjectNode context,
      Notify notify,
      String requestId) {
    Simulated execution =
        new Simulated(nextSequence++, action, parameters, context, notify, clock.instant());
    transition(execution, "requested");
    byId.put(execution.id, execution);
    if (requestId != null) {
      perRequestId.merge(requestId, 1, Integer::sum);
      if (perRequestId.size() > history) {
        // Counts above one are what tests look for (a request run twice): those are kept.
        perRequestId.entrySet().stream()
            .filter(e -> e.getValue() == 1)
            .findFirst()
            .ifPresent(oldest -> perRequestId.remove(oldest.getKey()));
      }
    }
    ObjectNode json = json(execution);
    stream.publish("st2.execution__create", json);
    long total = Math.max(0, delay.get().toMillis());
    scheduler.schedule(() -> advance(execution.id, "scheduled"), 0, TimeUnit.MILLISECONDS);
    scheduler.schedule(() -> advance(execution.id, "running"), total / 2, TimeUnit.MILLISECONDS);
    scheduler.schedule(() -> complete(execution.id), total, TimeUnit.MILLISECONDS);
    return json;
  }

  synchronized Optional<ObjectNode> get(String id) {
    return Optional.ofNullable(byId.get(id)).map(this::json);
  }

  /** Every execution, newest first (st2's default sort, {@code -start_timestamp}). */
  synchronized List<ObjectNode> list(Predicate<JsonNode> filter) {
    return byId.values().stream()
        .sorted(
            Comparator.comparing((Simulated e) -> e.start)
                .thenComparingLong(e -> e.sequence)
                .reversed())
        .map(this::json)
        .filter(filter)
        .toList();
  }

  /** Executions created for a request id; 0 when none, or when the id left the history. */
  synchronized int count(String requestId) {
    return perRequestId.getOrDefault(requestId, 0);
  }

  synchronized Map<String, Integer> countsByRequestId() {
    return Map.copyOf(perRequestId);
  }

  /** Ids of executions whose announcement was lost on purpose. */
  List<String> lostAnnouncements() {
    return List.copyOf(lostAnnouncements);
  }

  private synchronized void advance(String id, String status) {
    Simulated execution = byId.get(id);
    if (execution != null && execution.end == null) {
      transition(execution, status);
      stream.publish("st2.execution__update", json(execution));
    }
  }

  private void complete(String id) {
    ObjectNode finished;
    Notify notify;
    synchronized (this) {
      Simulated execution = byId.get(id);
      if (execution == null || execution.end != null) {
        return;
      }
      finish(execution);
      finished = json(execution);
      notify = execution.notify;
      stream.publish("st2.execution__update", finished);
      forgetBeyondHistory(id);
    }
    if (notify != null && notify.route() != null) {
      announce(finished, notify);
    }
  }

  private void finish(Simulated execution) {
    ActionSpec action = execution.action;
    String status = action.outcome().status();
    JsonNode result = action.result();
    if (action.ref().equals(FORMAT_EXECUTION_RESULT) && result == null) {
      String target = execution.parameters.path("execution_id").asText("");
      FormatExecutionResult.Outcome outcome =
          Optional.ofNullable(byId.get(target))
              .<FormatExecutionResult.Outcome>map(e -> formatter.format(json(e)))
              .orElse(new FormatExecutionResult.Refused("Invalid execution_id provided."));
      if (outcome instanceof FormatExecutionResult.Formatted formatted) {
        result = DefaultResults.pythonReturned(formatted.asJson());
      } else {
        status = "failed";
        result = DefaultResults.pythonRaised(((FormatExecutionResult.Refused) outcome).reason());
      }
    }
    if (result == null) {
      result = DefaultResults.of(action, execution.parameters);
    }
    execution.result = result.deepCopy();
    execution.end = clock.instant();
    transition(execution, status);
  }

  private void forgetBeyondHistory(String justFinished) {
    finishedIds.addLast(justFinished);
    while (finishedIds.size() > history) {
      byId.remove(finishedIds.pollFirst());
    }
  }

  /** The chatops pack's post_result → post_message → announcement runner (contract §7). */
  private void announce(ObjectNode execution, Notify notify) {
    FormatExecutionResult.Outcome outcome = formatter.format(execution);
    if (!(outcome instanceof FormatExecutionResult.Formatted formatted)) {
      return;
    }
    if (loss.loseThis()) {
      lostAnnouncements.add(execution.get("id").asText());
      return;
    }
    JsonNode data = notify.data();
    ObjectNode payload = St2Values.object();
    payload.set("channel", data.path("source_channel").deepCopy());
    payload.put("message", formatted.message());
    payload.set("user", data.path("user").deepCopy());
    payload.put("whisper", false);
    payload.set("extra", formatted.extra() == null ? St2Values.object() : formatted.extra());
    JsonNode context = data.path("source_context");
    payload.set(
        "context", context.isMissingNode() ? St2Values.NODES.nullNode() : context.deepCopy());
    ObjectNode announcement = St2Values.object();
    announcement.set("payload", payload);
    announcement.putNull("trace_context");
    stream.publish("st2.announcement__" + notify.route(), announcement);
  }

  private void transition(Simulated execution, String status) {
    execution.status = status;
    ObjectNode entry = St2Values.object();
    entry.put("timestamp", St2Values.timestamp(clock.instant()));
    entry.put("status", status);
    execution.log.add(entry);
  }

  /**
   * ActionExecutionAPI's shape (openapi {@code Execution}, {@code additionalProperties: False}).
   */
  private ObjectNode json(Simulated e) {
    ActionSpec action = e.action;
    ObjectNode json = St2Values.object();
    json.put("id", e.id);
    ObjectNode actionJson = json.putObject("action");
    actionJson.put("ref", action.ref());
    actionJson.put("name", action.name());
    actionJson.put("pack", action.pack());
    actionJson.put("uid", "action:" + action.pack() + ":" + action.name());
    actionJson.put("runner_type", action.runnerType());
    actionJson.put("enabled", true);
    ObjectNode runner = json.putObject("runner");
    runner.put("name", action.runnerType());
    runner.put("enabled", true);
    ObjectNode liveaction = json.putObject("liveaction");
    liveaction.put("id", e.liveactionId);
    liveaction.put("action", action.ref());
    liveaction.put("action_is_workflow", false);
    liveaction.set("parameters", e.parameters.deepCopy());
    if (e.notify != null) {
      // LIVEACTION_ATTRIBUTES keeps notify inside "liveaction" (st2common/services/executions.py),
      // in NotificationsHelper.from_model's shape; reconciliation reads the request id from here.
      ObjectNode onComplete = liveaction.putObject("notify").putObject("on-complete");
      onComplete.set("data", e.notify.data().deepCopy());
      onComplete.putArray("routes").add(e.notify.route());
    }
    json.put("status", e.status);
    json.put("start_timestamp", St2Values.timestamp(e.start));
    if (e.end != null) {
      json.put("end_timestamp", St2Values.timestamp(e.end));
      double elapsed = Duration.between(e.start, e.end).toNanos() / 1e9;
      json.put("elapsed_seconds", Math.round(elapsed * 1_000_000) / 1_000_000.0);
    }
    json.put("web_url", webUiBaseUrl.get() + "/#/history/" + e.id + "/general");
    json.set("parameters", e.parameters.deepCopy());
    json.set("context", e.context.deepCopy());
    json.set("result", e.result.deepCopy());
    json.put("result_size", e.result.toString().length());
    ArrayNode log = json.putArray("log");
    e.log.forEach(entry -> log.add(entry.deepCopy()));
    return json;
  }
}
