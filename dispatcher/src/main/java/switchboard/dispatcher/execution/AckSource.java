package switchboard.dispatcher.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import switchboard.dispatcher.stackstorm.AliasExecutionResponse;
import switchboard.dispatcher.stackstorm.Execution;
import switchboard.records.AliasAck;
import switchboard.records.AliasDefinition;

/**
 * What an acknowledgement is made of (contract §8.4).
 *
 * @param enabled false when the alias says {@code ack.enabled: false}: no ack at all
 * @param appendUrl whether to append the execution URL; on unless {@code ack.append_url} is false
 * @param message StackStorm's rendered {@code ack.format}; null for the default line
 * @param extra StackStorm's rendered {@code ack.extra}; null for none
 * @param executionId never null
 * @param webUrl {@code execution.web_url}; null when StackStorm sent none
 */
public record AckSource(
    boolean enabled,
    boolean appendUrl,
    String message,
    JsonNode extra,
    String executionId,
    String webUrl) {

  /** The ack of a fresh alias execution: StackStorm's answer says it all. */
  public static AckSource of(AliasExecutionResponse response) {
    return new AckSource(
        response.ackEnabled(),
        response.ackAppendsUrl(),
        response.message(),
        response.extra(),
        response.executionId(),
        response.webUrl().orElse(null));
  }

  /**
   * The ack of an execution found by reconciliation after a crash: the first ack was never
   * committed, and StackStorm's rendered message is gone with it, so the default line is used,
   * honouring the alias's {@code ack} switches as published in the catalogue.
   */
  public static AckSource reconciled(Execution execution, Optional<AliasDefinition> alias) {
    AliasAck ack = alias.map(AliasDefinition::getAck).orElse(null);
    boolean enabled = ack == null || ack.getEnabled();
    boolean appendUrl = ack == null || ack.getAppendUrl() == null || ack.getAppendUrl();
    return new AckSource(enabled, appendUrl, null, null, execution.id(), execution.webUrl());
  }
}
