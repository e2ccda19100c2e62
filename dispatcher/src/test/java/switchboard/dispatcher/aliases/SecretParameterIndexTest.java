package switchboard.dispatcher.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretParameterIndexTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldMergeRunnerAndActionParametersAsStackStormsParameterView() throws Exception {
    List<JsonNode> runners =
        List.of(
            json(
                "{'name': 'remote-shell-cmd', 'runner_parameters': {'password': {'secret': true},"
                    + " 'private_key': {'secret': true}, 'cmd': {'type': 'string'}}}"));
    List<JsonNode> actions =
        List.of(
            json("{'ref': 'core.remote', 'runner_type': 'remote-shell-cmd', 'parameters': {}}"),
            // redefines password as not secret, and adds a secret of its own
            json(
                "{'ref': 'ops.deploy', 'runner_type': 'remote-shell-cmd', 'parameters': {"
                    + "'password': {'type': 'string', 'secret': false},"
                    + " 'private_key': {'default': 'x'}, 'pin': {'secret': true}}}"),
            // a runner nobody listed, and an action without a ref
            json("{'ref': 'custom.thing', 'runner_type': 'mystery', 'parameters': {}}"),
            json("{'runner_type': 'remote-shell-cmd'}"));

    var index = SecretParameterIndex.of(actions, runners);

    assertThat(index.get("core.remote")).containsExactly("password", "private_key");
    assertThat(index.get("ops.deploy")).containsExactly("pin", "private_key");
    assertThat(index.get("custom.thing")).isEmpty();
    assertThat(index).hasSize(3);
  }

  private static JsonNode json(String singleQuoted) throws Exception {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }
}
