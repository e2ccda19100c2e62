package switchboard.testkit.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStormDoubleTest {

  static final String KEY = "test-api-key";
  static final String[] AUTH = {"St2-Api-Key", KEY};

  StackStormDouble st2;
  RawSt2 http;

  @BeforeEach
  void start() throws Exception {
    List<JsonNode> aliases = new ArrayList<>(SampleAliases.load());
    aliases.add(
        RawSt2.json(
            """
            {"name": "disabled_one", "pack": "test", "action_ref": "core.local", "enabled": false,
             "formats": ["disabled {{x}}"]}"""));
    aliases.add(
        RawSt2.json(
            """
            {"name": "deploy", "pack": "test", "action_ref": "test.deploy",
             "formats": ["deploy {{app}}", "deploy {{app}} env {{env}}"],
             "immutable_parameters": {"env": "production", "requested_by": "{{ api_user }}"}}"""));
    aliases.add(
        RawSt2.json(
            """
            {"name": "bad_ack", "pack": "test", "action_ref": "core.local",
             "formats": ["badack {{cmd}}"], "ack": {"format": "running {{ cmd }}"}}"""));
    aliases.add(
        RawSt2.json(
            """
            {"name": "quiet", "pack": "test", "action_ref": "core.local",
             "formats": ["quiet {{cmd}}"], "result": {"enabled": false}}"""));
    aliases.add(
        RawSt2.json(
            """
            {"name": "typed", "pack": "test", "action_ref": "test.typed",
             "formats": ["typed {{count}} on {{hosts}}"],
             "result": {"format": "{{ execution.parameters.count + 1 }} on {{ execution.parameters.hosts | length }} hosts",
                        "extra": {"color": "{% if execution.status == 'succeeded' %}good{% else %}bad{% endif %}"}}}"""));
    st2 =
        StackStormDouble.builder()
            .apiKey(KEY, "bot")
            .user("alice", "pa:ss")
            .aliases(aliases)
            .action(
                ActionSpec.of("test.typed")
                    .withParameterTypes(Map.of("count", "integer", "hosts", "array")))
            .action(ActionSpec.failing("test.deploy", null).withRunner("local-shell-cmd"))
            .executionDelay(Duration.ofMillis(30))
            .build()
            .start();
    http = new RawSt2(st2.url());
  }

  @AfterEach
  void stop() {
    st2.close();
  }

  ObjectNode execute(String name, String format, String command, String requestId) {
    ObjectNode body = RawSt2.JSON.createObjectNode();
    body.put("name", name).put("format", format).put("command", command);
    body.put("user", "chat-alice")
        .put("source_channel", "C1")
        .put("notification_route", "switchboard");
    if (requestId != null) {
      body.putObject("source_context").put("request_id", requestId).put("id", "1712.01");
    }
    HttpResponse<String> response = http.post("/api/v1/aliasexecution", body, AUTH);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return (ObjectNode) RawSt2.json(response);
  }

  @Nested
  class Auth {

    String basic(String user, String password) {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldIssueTokenWhenPasswordContainsColon() {
      HttpResponse<String> response =
          http.post("/auth/v1/tokens", "", "Authorization", basic("alice", "pa:ss"));

      assertThat(response.statusCode()).isEqualTo(201);
      JsonNode token = RawSt2.json(response);
      assertThat(token.get("user").asText()).isEqualTo("alice");
      assertThat(token.get("token").asText()).matches("[0-9a-f]{32}");
      assertThat(token.get("expiry").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      assertThat(token.has("id")).isTrue();
      assertThat(token.get("metadata").isObject()).isTrue();
      assertThat(response.headers().firstValue("X-API-URL")).contains(st2.url() + "/api");
    }

    @Test
    void shouldRefuseWrongPasswordWithSt2Text() {
      HttpResponse<String> response =
          http.post("/auth/v1/tokens", "", "Authorization", basic("alice", "wrong"));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(RawSt2.json(response).get("faultstring").asText())
          .isEqualTo("Invalid or missing credentials");
    }

    @Test
    void shouldRefuseTtlAboveMaximum() {
      HttpResponse<String> response =
          http.post(
              "/auth/v1/tokens", Map.of("ttl", 86401), "Authorization", basic("alice", "pa:ss"));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(RawSt2.json(response).get("faultstring").asText())
          .isEqualTo("TTL specified 86401 is greater than max allowed 86400.");
    }

    @Test
    void shouldAcceptTokenInHeaderOrQueryAndValidateIt() {
      String token =
          RawSt2.json(http.post("/auth/v1/tokens", "", "Authorization", basic("alice", "pa:ss")))
              .get("token")
              .asText();

      assertThat(http.get("/api/v1/actionalias", "X-Auth-Token", token).statusCode())
          .isEqualTo(200);
      assertThat(http.get("/api/v1/actionalias?x-auth-token=" + token).statusCode()).isEqualTo(200);
      JsonNode valid = RawSt2.json(http.post("/auth/v1/tokens/validate", Map.of("token", token)));
      assertThat(valid.get("valid").asBoolean()).isTrue();
    }

    @Test
    void shouldAnswer401WithSt2TextsWhenCredentialsMissingUnknownOrExpired() {
      st2.addToken("old", "alice", Instant.now().minusSeconds(1));

      assertThat(RawSt2.json(http.get("/api/v1/actionalias")).get("faultstring").asText())
          .isEqualTo("Unauthorized - One of Token or API key required.");
      assertThat(http.get("/api/v1/actionalias", "X-Auth-Token", "nope").statusCode())
          .isEqualTo(401);
      assertThat(
              RawSt2.json(http.get("/api/v1/actionalias", "X-Auth-Token", "old"))
                  .get("faultstring")
                  .asText())
          .isEqualTo("Unauthorized - Token has expired.");
      assertThat(
              RawSt2.json(http.get("/api/v1/actionalias", "St2-Api-Key", "nope"))
                  .get("faultstring")
                  .asText())
          .startsWith("Unauthorized - ApiKey with key_hash=");
      assertThat(http.get("/api/v1/actionalias?st2-api-key=" + KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldExpireTokensAfterConfiguredTtl() {
      st2.tokenTtl(Duration.ofMillis(300));
      String token =
          RawSt2.json(http.post("/auth/v1/tokens", "", "Authorization", basic("alice", "pa:ss")))
              .get("token")
              .asText();

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> http.get("/api/v1/actionalias", "X-Auth-Token", token).statusCode() == 401);
    }
  }

  @Nested
  class Aliases {

    @Test
    void shouldPageListWithTotalCountAndSortByPackThenName() {
      HttpResponse<String> firstPage = http.get("/api/v1/actionalias?limit=2&offset=0", AUTH);
      HttpResponse<String> all = http.get("/api/v1/actionalias?limit=-1", AUTH);

      JsonNode page = RawSt2.json(firstPage);
      assertThat(page).hasSize(2);
      assertThat(firstPage.headers().firstValue("X-Total-Count")).contains("12");
      assertThat(firstPage.headers().firstValue("X-Limit")).contains("2");
      assertThat(all.headers().firstValue("X-Limit")).isEmpty();
      List<String> refs = new ArrayList<>();
      RawSt2.json(all)
          .forEach(a -> refs.add(a.get("pack").asText() + " " + a.get("name").asText()));
      assertThat(refs).hasSize(12).isSorted();
      assertThat(page.get(0).get("ref").asText()).isEqualTo("examples.remote_shell_cmd");
      assertThat(page.get(0).has("source"))
          .as("exchange provenance keys are not API fields")
          .isFalse();
      assertThat(page.get(0).get("uid").asText())
          .isEqualTo("action_alias:examples:remote_shell_cmd");
    }

    @Test
    void shouldRefuseZeroLimit() {
      HttpResponse<String> response = http.get("/api/v1/actionalias?limit=0", AUTH);

      assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldGetOneByRefOrIdAnd404Otherwise() {
      JsonNode byRef = RawSt2.json(http.get("/api/v1/actionalias/hello_st2.greet", AUTH));
      String id = byRef.get("id").asText();

      assertThat(RawSt2.json(http.get("/api/v1/actionalias/" + id, AUTH)).get("ref").asText())
          .isEqualTo("hello_st2.greet");
      HttpResponse<String> missing = http.get("/api/v1/actionalias/no.such", AUTH);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(RawSt2.json(missing).get("faultstring").asText())
          .isEqualTo("Resource with a reference or id \"no.such\" not found");
    }

    @Test
    void shouldMatchCommandAsSt2Does() {
      JsonNode match =
          RawSt2.json(
              http.post("/api/v1/actionalias/match", Map.of("command", "greet hello"), AUTH));

      assertThat(match.get("actionalias").get("ref").asText()).isEqualTo("hello_st2.greet");
      assertThat(match.get("representation").asText()).isEqualTo("greet {{greeting}}");
      assertThat(match.get("display").asText()).isEqualTo("greet {{greeting}}");
    }

    @Test
    void shouldAnswerSt2TextsWhenNoMatchOrAmbiguous() {
      HttpResponse<String> none =
          http.post("/api/v1/actionalias/match", Map.of("command", "hello donny"), AUTH);
      HttpResponse<String> ambiguous =
          http.post("/api/v1/actionalias/match", Map.of("command", "ping db1 count 3"), AUTH);
      HttpResponse<String> extraKey =
          http.post("/api/v1/actionalias/match", Map.of("command", "x", "user", "u"), AUTH);

      assertThat(none.statusCode()).isEqualTo(400);
      assertThat(RawSt2.json(none).get("faultstring").asText())
          .isEqualTo("Command 'hello donny' matched no patterns");
      assertThat(RawSt2.json(ambiguous).get("faultstring").asText())
          .isEqualTo("Command 'ping db1 count 3' matched more than 1 pattern");
      assertThat(RawSt2.json(extraKey).get("faultstring").asText())
          .isEqualTo("Additional properties are not allowed ('user' was unexpected)");
    }

    @Test
    void shouldListHelpWithAvailableKey() {
      JsonNode help = RawSt2.json(http.get("/api/v1/actionalias/help?pack=st2&limit=1", AUTH));

      assertThat(help.has("avaliable")).isFalse();
      // st2_actions_list and st2_executions_cancel have 2 formats each, st2_executions_get 4.
      assertThat(help.get("available").asInt()).isEqualTo(8);
      assertThat(help.get("helpstrings")).hasSize(1);
      assertThat(help.get("helpstrings").get(0).get("pack").asText()).isEqualTo("st2");
    }

    @Test
    void shouldPublishAliasEventsOnlyToConnectionsThatAskForThem() {
      try (RawSt2.Lines asked = http.stream("/stream/v1/stream?events=st2.actionalias__*", AUTH);
          RawSt2.Lines defaults = http.stream("/stream/v1/stream", AUTH)) {
        await().until(() -> st2.streamConnections() == 2);

        st2.putAlias(
            RawSt2.json(
                "{\"name\": \"n\", \"pack\": \"p\", \"action_ref\": \"core.noop\", \"formats\": [\"noop\"]}"));
        st2.putAlias(
            RawSt2.json(
                "{\"name\": \"n\", \"pack\": \"p\", \"action_ref\": \"core.noop\", \"formats\": [\"noop now\"]}"));
        st2.deleteAlias("p.n");

        await().until(() -> asked.events().size() == 3);
        assertThat(asked.events())
            .containsExactly(
                "st2.actionalias__create", "st2.actionalias__update", "st2.actionalias__delete");
        assertThat(asked.data("st2.actionalias__update").get(0).get("formats").get(0).asText())
            .isEqualTo("noop now");
        assertThat(defaults.events()).isEmpty();
      }
    }
  }

  @Nested
  class AliasExecution {

    @Test
    void shouldCreateExecutionWithAckContextAndNotify() {
      ObjectNode answer =
          execute("remote_shell_cmd", "run {{cmd}} on {{hosts}}", "run date on web1,web2", "req-1");

      JsonNode execution = answer.get("execution");
      assertThat(execution.get("status").asText()).isEqualTo("requested");
      assertThat(execution.get("parameters").get("cmd").asText()).isEqualTo("date");
      assertThat(execution.get("web_url").asText())
          .isEqualTo(st2.url() + "/#/history/" + execution.get("id").asText() + "/general");
      JsonNode context = execution.get("context");
      assertThat(context.get("api_user").asText()).isEqualTo("chat-alice");
      assertThat(context.get("user").asText()).isEqualTo("bot");
      assertThat(context.get("source_channel").asText()).isEqualTo("C1");
      assertThat(context.get("action_alias_ref").get("name").asText())
          .isEqualTo("remote_shell_cmd");
      assertThat(context.has("source_context")).isFalse();
      JsonNode onComplete = execution.get("liveaction").get("notify").get("on-complete");
      assertThat(onComplete.get("routes").get(0).asText()).isEqualTo("switchboard");
      assertThat(onComplete.get("data").get("source_context").get("request_id").asText())
          .isEqualTo("req-1");
      assertThat(answer.get("actionalias").get("ref").asText())
          .isEqualTo("examples.remote_shell_cmd");
      assertThat(answer.get("message").asText())
          .isEqualTo("Hold tight while I run command: *date* on hosts *web1,web2*");
      assertThat(st2.executionCount("req-1")).isEqualTo(1);
    }

    @Test
    void shouldRefuseWithSt2TextsInSt2Order() {
      Map<String, String> cases =
          Map.of(
              "{\"name\": \"nope\", \"format\": \"x\", \"command\": \"x\", \"source_channel\": \"c\"}",
              "Unable to find the ActionAliasDB instance. {'name': 'nope'}",
              "{\"name\": \"disabled_one\", \"format\": \"disabled {{x}}\", \"command\": \"disabled 1\", \"source_channel\": \"c\"}",
              "Action alias with name \"disabled_one\" is disabled.",
              "{\"name\": \"greet\", \"format\": \"hi {{x}}\", \"command\": \"hi 1\", \"source_channel\": \"c\"}",
              "Format string \"hi {{x}}\" is not available on the alias \"greet\"",
              "{\"name\": \"greet\", \"format\": \"greet {{greeting}}\", \"command\": \"wave\", \"source_channel\": \"c\"}",
              "Command \"wave\" doesn't match format string \"greet {{greeting}}\"",
              "{\"name\": \"greet\", \"format\": \"greet {{greeting}}\", \"command\": \"greet x\"}",
              "'source_channel' is a required property",
              "{\"name\": \"greet\", \"format\": \"greet {{greeting}}\", \"command\": \"greet x\", \"source_channel\": \"c\", \"thread\": 1}",
              "Additional properties are not allowed ('thread' was unexpected)",
              "{\"name\": \"deploy\", \"format\": \"deploy {{app}} env {{env}}\", \"command\": \"deploy web env staging\", \"source_channel\": \"c\"}",
              "Immutable arguments cannot be overriden: env",
              "{\"name\": \"typed\", \"format\": \"typed {{count}} on {{hosts}}\", \"command\": \"typed many on a\", \"source_channel\": \"c\"}",
              "Failed to cast value \"many\" (type: str) for parameter \"count\" of type \"integer\": invalid literal for int() with base 10: 'many'. Perhaphs the value is of an invalid type?");

      cases.forEach(
          (body, faultstring) -> {
            HttpResponse<String> response = http.post("/api/v1/aliasexecution", body, AUTH);
            assertThat(RawSt2.json(response).get("faultstring").asText())
                .as(body)
                .isEqualTo(faultstring);
            assertThat(response.statusCode())
                .as(body)
                .isEqualTo(faultstring.startsWith("Unable") ? 404 : 400);
          });
      assertThat(st2.executions()).isEmpty();
    }

    @Test
    void shouldInjectRenderedImmutableParameters() {
      JsonNode execution = execute("deploy", "deploy {{app}}", "deploy web", null).get("execution");

      assertThat(execution.get("parameters").get("env").asText()).isEqualTo("production");
      assertThat(execution.get("parameters").get("requested_by").asText()).isEqualTo("chat-alice");
    }

    @Test
    void shouldCastParametersByActionTypes() {
      JsonNode parameters =
          execute("typed", "typed {{count}} on {{hosts}}", "typed 3 on a, b", null)
              .get("execution")
              .get("parameters");

      assertThat(parameters.get("count").isIntegralNumber()).isTrue();
      assertThat(parameters.get("hosts")).hasSize(2);
      assertThat(parameters.get("hosts").get(1).asText()).isEqualTo("b");
    }

    @Test
    void shouldStillExecuteWhenAckReferencesUndefinedVariable() {
      ObjectNode answer = execute("bad_ack", "badack {{cmd}}", "badack ls", null);

      assertThat(answer.get("message").asText())
          .isEqualTo("Cannot render \"format\" in field \"ack\" for alias. 'cmd' is undefined");
      assertThat(st2.executions()).hasSize(1);
    }

    @Test
    void shouldOmitMessageWhenAliasHasNoAckFormat() {
      ObjectNode answer = execute("greet", "greet {{greeting}}", "greet hi", null);

      assertThat(answer.has("message")).isFalse();
      assertThat(answer.has("extra")).isFalse();
    }

    @Test
    void shouldMatchAndExecuteWithoutSourceContext() {
      HttpResponse<String> response =
          http.post(
              "/api/v1/aliasexecution/match_and_execute",
              Map.of(
                  "command",
                  "greet hi",
                  "user",
                  "u",
                  "source_channel",
                  "c",
                  "notification_route",
                  "r"),
              AUTH);

      assertThat(response.statusCode()).isEqualTo(201);
      JsonNode results = RawSt2.json(response).get("results");
      assertThat(results).hasSize(1);
      assertThat(
              results
                  .get(0)
                  .get("execution")
                  .get("liveaction")
                  .get("notify")
                  .get("on-complete")
                  .get("data")
                  .get("source_context")
                  .isNull())
          .isTrue();
    }

    @Test
    void shouldCountExecutionsPerRequestId() {
      execute("greet", "greet {{greeting}}", "greet a", "req-x");
      execute("greet", "greet {{greeting}}", "greet b", "req-x");
      execute("greet", "greet {{greeting}}", "greet c", "req-y");

      assertThat(st2.executionCountsByRequestId())
          .containsExactlyInAnyOrderEntriesOf(Map.of("req-x", 2, "req-y", 1));
      assertThat(st2.executionCount("never")).isZero();
    }

    @Test
    void shouldExecuteWithTheNewFormatOnceTheAliasChanges() {
      execute("greet", "greet {{greeting}}", "greet hi", null);

      st2.putAlias(
          RawSt2.json(
              """
              {"name": "greet", "pack": "hello_st2", "action_ref": "core.local",
               "formats": ["wave {{greeting}} at {{whom}}"]}"""));

      HttpResponse<String> old =
          http.post(
              "/api/v1/aliasexecution",
              Map.of(
                  "name", "greet",
                  "format", "greet {{greeting}}",
                  "command", "greet hi",
                  "source_channel", "c"),
              AUTH);
      assertThat(old.statusCode()).isEqualTo(400);
      assertThat(RawSt2.json(old).get("faultstring").asText())
          .isEqualTo(
              "Format string \"greet {{greeting}}\" is not available on the alias \"greet\"");
      JsonNode parameters =
          execute("greet", "wave {{greeting}} at {{whom}}", "wave hello at bob", null)
              .get("execution")
              .get("parameters");
      assertThat(parameters.get("greeting").asText()).isEqualTo("hello");
      assertThat(parameters.get("whom").asText()).isEqualTo("bob");
    }
  }

  @Nested
  class Actions {

    @Test
    void shouldListActionsWithTheirSecretParametersAndRunnersWithTheirs() {
      st2.programAction(
          ActionSpec.of("vault.unseal")
              .withParameterTypes(Map.of("key", "string", "shard", "integer"))
              .withSecretParameters(Set.of("key")));

      HttpResponse<String> page = http.get("/api/v1/actions?limit=100&offset=0", AUTH);
      JsonNode actions = RawSt2.json(page);
      JsonNode runners = RawSt2.json(http.get("/api/v1/runnertypes", AUTH));

      assertThat(page.headers().firstValue("X-Total-Count")).isPresent();
      JsonNode vault = find(actions, "ref", "vault.unseal");
      assertThat(vault.get("runner_type").asText()).isEqualTo("python-script");
      assertThat(vault.at("/parameters/key/secret").asBoolean()).isTrue();
      assertThat(vault.at("/parameters/shard").has("secret")).isFalse();
      assertThat(find(actions, "ref", "core.remote").get("runner_type").asText())
          .isEqualTo("remote-shell-cmd");
      // the implicit action of an alias is listed too
      assertThat(find(actions, "ref", "hello_st2.greet")).isNotNull();
      JsonNode remote = find(runners, "name", "remote-shell-cmd");
      assertThat(remote.at("/runner_parameters/password/secret").asBoolean()).isTrue();
      assertThat(remote.at("/runner_parameters/private_key/secret").asBoolean()).isTrue();
    }

    private JsonNode find(JsonNode list, String field, String value) {
      for (JsonNode item : list) {
        if (item.path(field).asText().equals(value)) {
          return item;
        }
      }
      throw new AssertionError("no " + field + " " + value + " in " + list);
    }
  }

  @Nested
  class Executions {

    @Test
    void shouldGoThroughLifecycleAndPublishEachStep() {
      try (RawSt2.Lines stream = http.stream("/stream/v1/stream", AUTH)) {
        await().until(() -> st2.streamConnections() == 1);

        String id =
            execute("greet", "greet {{greeting}}", "greet hi", null)
                .get("execution")
                .get("id")
                .asText();

        await()
            .until(
                () ->
                    stream.data("st2.execution__update").stream()
                        .anyMatch(e -> e.get("status").asText().equals("succeeded")));
        List<String> statuses = new ArrayList<>();
        stream.data("st2.execution__create").forEach(e -> statuses.add(e.get("status").asText()));
        stream.data("st2.execution__update").forEach(e -> statuses.add(e.get("status").asText()));
        assertThat(statuses).containsExactly("requested", "scheduled", "running", "succeeded");
        JsonNode done = RawSt2.json(http.get("/api/v1/executions/" + id, AUTH));
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("end_timestamp").asText()).isNotEmpty();
        assertThat(done.get("result").get("exit_code").asInt()).isZero();
        assertThat(done.get("log")).hasSize(4);
      }
    }

    @Test
    void shouldFailProgrammedActions() {
      String id =
          execute("deploy", "deploy {{app}}", "deploy web", null)
              .get("execution")
              .get("id")
              .asText();

      await().until(() -> st2.execution(id).orElseThrow().get("status").asText().equals("failed"));
      JsonNode result = st2.execution(id).orElseThrow().get("result");
      assertThat(result.get("succeeded").asBoolean()).isFalse();
      assertThat(result.get("return_code").asInt()).isEqualTo(1);
    }

    @Test
    void shouldListNewestFirstWithFiltersAndTotalCount() {
      execute("greet", "greet {{greeting}}", "greet a", null);
      String since = Instant.now().toString();
      execute("remote_shell_cmd", "run {{cmd}} on {{hosts}}", "run ls on h", null);
      execute("greet", "greet {{greeting}}", "greet b", null);

      HttpResponse<String> greets =
          http.get("/api/v1/executions?action=hello_st2.greet&limit=1", AUTH);
      HttpResponse<String> recent = http.get("/api/v1/executions?timestamp_gt=" + since, AUTH);

      assertThat(greets.headers().firstValue("X-Total-Count")).contains("2");
      assertThat(RawSt2.json(greets).get(0).get("parameters").get("greeting").asText())
          .isEqualTo("b");
      assertThat(RawSt2.json(recent)).hasSize(2);
      await()
          .until(
              () -> RawSt2.json(http.get("/api/v1/executions?status=succeeded", AUTH)).size() == 3);
      assertThat(RawSt2.json(recent).get(0).get("context").get("api_user").asText())
          .isEqualTo("chat-alice");
    }

    @Test
    void shouldRunActionsAndRefuseUnknownOnes() {
      HttpResponse<String> unknown = http.post("/api/v1/executions", Map.of("action", "x.y"), AUTH);
      HttpResponse<String> local =
          http.post(
              "/api/v1/executions",
              Map.of("action", "core.local", "parameters", Map.of("cmd", "uptime")),
              "St2-Api-Key",
              KEY,
              "st2-context",
              "{\"trace\": \"t1\"}");
      HttpResponse<String> missing = http.get("/api/v1/executions/nope", AUTH);

      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(RawSt2.json(unknown).get("faultstring").asText())
          .isEqualTo("Action \"x.y\" cannot be found.");
      assertThat(local.statusCode()).isEqualTo(201);
      JsonNode context = RawSt2.json(local).get("context");
      assertThat(context.get("user").asText()).isEqualTo("bot");
      assertThat(context.get("pack").asText()).isEqualTo("core");
      assertThat(context.get("trace").asText()).isEqualTo("t1");
      assertThat(RawSt2.json(missing).get("faultstring").asText())
          .isEqualTo("Unable to identify resource with id \"nope\".");
    }

    @Test
    void shouldFormatExecutionResultLikeTheChatopsAction() {
      String target =
          execute("typed", "typed {{count}} on {{hosts}}", "typed 3 on a,b", null)
              .get("execution")
              .get("id")
              .asText();
      await().until(() -> st2.execution(target).orElseThrow().has("end_timestamp"));

      JsonNode created =
          RawSt2.json(
              http.post(
                  "/api/v1/executions",
                  Map.of(
                      "action",
                      "chatops.format_execution_result",
                      "parameters",
                      Map.of("execution_id", target)),
                  AUTH));
      String id = created.get("id").asText();
      await()
          .until(() -> st2.execution(id).orElseThrow().get("status").asText().equals("succeeded"));

      JsonNode returned = st2.execution(id).orElseThrow().get("result").get("result");
      assertThat(returned.get("message").asText()).isEqualTo("4 on 2 hosts");
      assertThat(returned.get("extra").get("color").asText()).isEqualTo("good");
    }

    @Test
    void shouldFailFormatExecutionResultWhenResultDisabled() {
      String target =
          execute("quiet", "quiet {{cmd}}", "quiet ls", null).get("execution").get("id").asText();

      String id =
          RawSt2.json(
                  http.post(
                      "/api/v1/executions",
                      Map.of(
                          "action",
                          "chatops.format_execution_result",
                          "parameters",
                          Map.of("execution_id", target)),
                      AUTH))
              .get("id")
              .asText();

      await().until(() -> st2.execution(id).orElseThrow().get("status").asText().equals("failed"));
      assertThat(st2.execution(id).orElseThrow().get("result").get("stderr").asText())
          .endsWith("Exception: Output of this template is disabled.\n");
    }
  }

  @Nested
  class Announcements {

    @Test
    void shouldAnnounceRenderedResultOnTheRoute() {
      try (RawSt2.Lines stream =
          http.stream("/stream/v1/stream?events=st2.announcement__switchboard", AUTH)) {
        await().until(() -> st2.streamConnections() == 1);

        execute("typed", "typed {{count}} on {{hosts}}", "typed 1 on x", "req-9");

        await().until(() -> stream.data("st2.announcement__switchboard").size() == 1);
        JsonNode announcement = stream.data("st2.announcement__switchboard").get(0);
        assertThat(announcement.has("trace_context")).isTrue();
        JsonNode payload = announcement.get("payload");
        assertThat(payload.get("channel").asText()).isEqualTo("C1");
        assertThat(payload.get("user").asText()).isEqualTo("chat-alice");
        assertThat(payload.get("whisper").asBoolean()).isFalse();
        assertThat(payload.get("message").asText()).isEqualTo("2 on 1 hosts");
        assertThat(payload.get("extra").get("color").asText()).isEqualTo("good");
        assertThat(payload.get("context").get("request_id").asText()).isEqualTo("req-9");
        assertThat(stream.events()).containsOnly("st2.announcement__switchboard");
      }
    }

    @Test
    void shouldAnnounceDefaultTemplateWhenAliasHasNoResultFormat() {
      try (RawSt2.Lines stream =
          http.stream("/stream/v1/stream?events=st2.announcement__*", AUTH)) {
        await().until(() -> st2.streamConnections() == 1);

        String id =
            execute("greet", "greet {{greeting}}", "greet hi", null)
                .get("execution")
                .get("id")
                .asText();

        await().until(() -> !stream.data("st2.announcement__switchboard").isEmpty());
        String message =
            stream
                .data("st2.announcement__switchboard")
                .get(0)
                .get("payload")
                .get("message")
                .asText();
        assertThat(message)
            .startsWith(
                "\nAction hello_st2.greet completed.\nstatus : succeeded\nexecution: "
                    + id
                    + "\n\nweb_url: ")
            .contains("\nresult :\n--------\nstdout : simulated by the StackStorm test double");
      }
    }

    @Test
    void shouldNotAnnounceWhenResultDisabledOrLost() {
      try (RawSt2.Lines stream = http.stream("/stream/v1/stream", AUTH)) {
        await().until(() -> st2.streamConnections() == 1);
        st2.loseNextAnnouncements(1);

        String lost =
            execute("greet", "greet {{greeting}}", "greet a", null)
                .get("execution")
                .get("id")
                .asText();
        execute("quiet", "quiet {{cmd}}", "quiet a", null);
        execute("greet", "greet {{greeting}}", "greet b", null);

        await().until(() -> stream.data("st2.announcement__switchboard").size() == 1);
        await()
            .until(
                () ->
                    stream.data("st2.execution__update").stream()
                            .filter(e -> e.get("status").asText().equals("succeeded"))
                            .count()
                        == 3);
        assertThat(st2.lostAnnouncements()).containsExactly(lost);
        assertThat(
                stream
                    .data("st2.announcement__switchboard")
                    .get(0)
                    .get("payload")
                    .get("message")
                    .asText())
            .contains("{\"greeting\":\"b\"}");
      }
    }
  }

  @Nested
  class Stream {

    @Test
    void shouldSendHeartbeatOnConnectAndWhenSilent() {
      st2.heartbeatInterval(Duration.ofMillis(50));
      try (RawSt2.Lines stream = http.stream("/stream/v1/stream", AUTH)) {
        await().until(() -> stream.lines.size() >= 3);

        assertThat(stream.lines).allMatch(String::isEmpty);
        assertThat(stream.response.headers().firstValue("Content-Type"))
            .contains("text/event-stream; charset=UTF-8");
      }
    }

    @Test
    void shouldEndConnectionsWhenDropped() {
      try (RawSt2.Lines stream = http.stream("/stream/v1/stream", AUTH)) {
        await().until(() -> st2.streamConnections() == 1);

        st2.dropStreamConnections();

        await().until(() -> stream.ended);
        assertThat(st2.streamConnections()).isZero();
      }
    }

    @Test
    void shouldRefuseStreamWithoutCredentialsOrWhenTold() {
      st2.refuseStreamConnections(1);

      assertThat(http.get("/stream/v1/stream", AUTH).statusCode()).isEqualTo(503);
      assertThat(http.get("/stream/v1/stream").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldTranslateFnmatchGlobs() {
      assertThat(
              EventStream.fnmatch("st2.announcement__*")
                  .matcher("st2.announcement__chatops")
                  .matches())
          .isTrue();
      assertThat(
              EventStream.fnmatch("st2.execution__[cu]*")
                  .matcher("st2.execution__update")
                  .matches())
          .isTrue();
      assertThat(
              EventStream.fnmatch("st2.execution__[!cu]*")
                  .matcher("st2.execution__update")
                  .matches())
          .isFalse();
      assertThat(
              EventStream.fnmatch("st2.execution__?pdate")
                  .matcher("st2.execution__update")
                  .matches())
          .isTrue();
      assertThat(EventStream.fnmatch("st2.execution").matcher("st2xexecution").matches()).isFalse();
    }
  }

  @Nested
  class Knobs {

    @TempDir Path directory;

    @Test
    void shouldLoadAliasesFromApiJsonAndFromAPackDirectory() throws Exception {
      Path json =
          Files.writeString(
              directory.resolve("aliases.json"),
              "[{\"name\": \"locked\", \"pack\": \"ops\", \"action_ref\": \"core.local\","
                  + " \"formats\": [\"locked {{cmd}}\"], \"immutable_parameters\": {\"sudo\": true}}]");
      Path pack = Files.createDirectories(directory.resolve("mypack/aliases"));
      Files.writeString(pack.resolveSibling("pack.yaml"), "ref: mypack\nname: My pack\n");
      Files.writeString(
          pack.resolve("hello.yaml"),
          "name: hello\naction_ref: core.noop\nformats:\n  - \"hello {{who}}\"\nack:\n  format: hi\n");

      assertThat(st2.loadAliases(json)).isEqualTo(1);
      assertThat(st2.loadAliases(pack.getParent())).isEqualTo(1);

      JsonNode locked = RawSt2.json(http.get("/api/v1/actionalias/ops.locked", AUTH));
      assertThat(locked.get("immutable_parameters").get("sudo").asBoolean()).isTrue();
      JsonNode hello = RawSt2.json(http.get("/api/v1/actionalias/mypack.hello", AUTH));
      assertThat(hello.get("formats").get(0).asText()).isEqualTo("hello {{who}}");
      assertThat(hello.get("ack").get("format").asText()).isEqualTo("hi");
    }

    @Test
    void shouldLoseAnnouncementsByProbabilityUntilToldToKeepThem() {
      try (RawSt2.Lines stream = http.stream("/stream/v1/stream", AUTH)) {
        await().until(() -> st2.streamConnections() == 1);
        st2.loseAnnouncements(1.0, 42);

        execute("greet", "greet {{greeting}}", "greet a", null);
        execute("greet", "greet {{greeting}}", "greet b", null);
        await().until(() -> st2.lostAnnouncements().size() == 2);
        st2.keepAnnouncements();
        execute("greet", "greet {{greeting}}", "greet c", null);

        await().until(() -> stream.data("st2.announcement__switchboard").size() == 1);
        assertThat(st2.lostAnnouncements()).hasSize(2);
      }
    }

    @Test
    void shouldForgetTheOldestFinishedExecutionsBeyondTheHistory() throws Exception {
      try (StackStormDouble small =
          StackStormDouble.builder()
              .apiKey(KEY)
              .aliases(SampleAliases.load())
              .executionDelay(Duration.ZERO)
              .executionHistory(2)
              .build()
              .start()) {
        RawSt2 smallHttp = new RawSt2(small.url());
        List<String> ids = new ArrayList<>();
        for (String requestId : List.of("r1", "r2", "r3")) {
          ObjectNode body = RawSt2.JSON.createObjectNode();
          body.put("name", "greet").put("format", "greet {{greeting}}").put("command", "greet x");
          body.put("source_channel", "C1").putObject("source_context").put("request_id", requestId);
          String id =
              RawSt2.json(smallHttp.post("/api/v1/aliasexecution", body, AUTH))
                  .get("execution")
                  .get("id")
                  .asText();
          // One at a time, so that they finish in this order.
          await()
              .until(
                  () ->
                      small
                          .execution(id)
                          .map(e -> e.get("status").asText().equals("succeeded"))
                          .orElse(false));
          ids.add(id);
        }

        assertThat(small.executions())
            .extracting(e -> e.get("id").asText())
            .containsExactly(ids.get(2), ids.get(1));
        assertThat(small.execution(ids.get(0))).isEmpty();
        assertThat(smallHttp.get("/api/v1/executions/" + ids.get(0), AUTH).statusCode())
            .isEqualTo(404);
        assertThat(small.executionCountsByRequestId())
            .containsExactlyInAnyOrderEntriesOf(Map.of("r2", 1, "r3", 1));
        assertThat(small.executionCount("r1")).isZero();
      }
    }

    @Test
    void shouldKeepTheLatestRequestsOrNoneWhenTold() throws Exception {
      try (StackStormDouble two =
              StackStormDouble.builder().apiKey(KEY).requestLog(2).build().start();
          StackStormDouble none =
              StackStormDouble.builder().apiKey(KEY).requestLog(0).build().start()) {
        for (String path : List.of("/api/v1/actionalias", "/api/v1/executions", "/api/v1/x")) {
          new RawSt2(two.url()).get(path, AUTH);
          new RawSt2(none.url()).get(path, AUTH);
        }

        assertThat(two.requests())
            .extracting(RecordedRequest::pathOnly)
            .containsExactly("/api/v1/executions", "/api/v1/x");
        assertThat(none.requests()).isEmpty();
      }
    }

    @Test
    void shouldRefuseAnEmptyHistoryOrANegativeRequestLog() {
      assertThatThrownBy(() -> StackStormDouble.builder().executionHistory(0).build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> StackStormDouble.builder().requestLog(-1).build())
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStartTheSandboxWithTheSampleAliases() throws Exception {
      try (StackStormDouble sandbox =
          StackStormSandbox.config().apiKey("sandbox").build().start()) {
        JsonNode aliases =
            RawSt2.json(
                new RawSt2(sandbox.url()).get("/api/v1/actionalias", "St2-Api-Key", "sandbox"));

        assertThat(aliases).hasSize(7);
        assertThat(SampleAliases.load())
            .allMatch(a -> a.get("license").asText().equals("Apache-2.0"));
      }
    }
  }

  @Nested
  class Faults {

    @Test
    void shouldFailNextRequestsWithFaultstring() {
      st2.failNextRequests(2, 503, "Service Unavailable");

      HttpResponse<String> first = http.get("/api/v1/actionalias", AUTH);
      HttpResponse<String> second = http.get("/api/v1/actionalias", AUTH);
      HttpResponse<String> third = http.get("/api/v1/actionalias", AUTH);

      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(RawSt2.json(first).get("faultstring").asText()).isEqualTo("Service Unavailable");
      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(third.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldThrottleWithRetryAfter() {
      st2.throttleNextRequests(1, Duration.ofSeconds(7));

      HttpResponse<String> response = http.get("/api/v1/actionalias", AUTH);

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).contains("7");
    }

    @Test
    void shouldFailForAWindow() {
      st2.failRequestsFor(Duration.ofMillis(300), 502, "Bad Gateway");

      assertThat(http.get("/api/v1/actionalias", AUTH).statusCode()).isEqualTo(502);
      await().until(() -> http.get("/api/v1/actionalias", AUTH).statusCode() == 200);
    }

    @Test
    void shouldRecordRequestsWithoutSecrets() {
      st2.clearRequests();
      http.get("/api/v1/actionalias?limit=5&st2-api-key=" + KEY);
      http.post("/auth/v1/tokens", "", "Authorization", "Basic YWxpY2U6cGE6c3M=");

      List<RecordedRequest> requests = st2.requests();

      assertThat(requests).hasSize(2);
      assertThat(requests.get(0).path()).isEqualTo("/api/v1/actionalias?limit=5&st2-api-key=***");
      assertThat(requests.get(1).pathOnly()).isEqualTo("/auth/v1/tokens");
      assertThat(requests.get(1).header("Authorization")).isNull();
      assertThat(requests.toString()).doesNotContain(KEY).doesNotContain("YWxpY2U6cGE6c3M=");
    }
  }
}
