package switchboard.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.dispatcher.Commands;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.CommandRequest;
import switchboard.schemas.SecretParameters;
import switchboard.schemas.Topics;

class CommandRecordsTest {

  private final CommandRecords records = new CommandRecords(Topics.defaults());

  @Test
  void shouldMaskSecretValuesInTheCommandTextOfItsAuditRecords() {
    // Given a command whose "pin" StackStorm marks secret, and whose "api_key" says so by name
    CommandRequest command =
        CommandRequest.newBuilder(
                Commands.command(
                    "req-1",
                    "doors.unlock",
                    "unlock",
                    "doors.unlock",
                    "unlock {{door}} with {{pin}} key {{api_key}}",
                    "unlock front with 4711 key abc123",
                    Map.of("door", "front", "pin", "4711", "api_key", "abc123")))
            .setSecretParameters(List.of("pin"))
            .build();

    AuditRecord audit =
        (AuditRecord)
            records
                .audit(command, AuditDecision.EXECUTED, "ran", "exec-1", "requested", Instant.now())
                .value();

    assertThat(audit.getCommand())
        .isEqualTo("unlock front with " + SecretParameters.MASK + " key " + SecretParameters.MASK);
    assertThat(audit.getParameters()).isEmpty();
  }
}
