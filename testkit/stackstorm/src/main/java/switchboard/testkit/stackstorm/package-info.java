/**
 * The StackStorm contract double: a local stand-in for st2's API, auth and stream ({@code
 * shared/docs/stackstorm-contract.md} §1–§8) for contract tests and the sandbox.
 *
 * <p>What it does the way st2 does:
 *
 * <ul>
 *   <li>Paths as behind st2's nginx, on one port: {@code /auth/v1/tokens} (also {@code
 *       /auth/tokens}), {@code /auth/v1/tokens/validate}, {@code /api/v1/actionalias} (list, get,
 *       {@code match}, {@code help}), {@code /api/v1/aliasexecution} (and {@code
 *       match_and_execute}), {@code /api/v1/executions} (list, create, get) and {@code
 *       /stream/v1/stream}.
 *   <li>Credentials in st2's order: {@code X-Auth-Token} header, {@code St2-Api-Key} header, {@code
 *       x-auth-token} query, {@code st2-api-key} query; st2's 401 texts.
 *   <li>Alias matching, parsing and help through the alias-matcher's port of st2's grammar ({@code
 *       LinearAliasMatcher}, {@code AliasFormatParser}, {@code AliasHelp}); ack and result messages
 *       through Jinjava set up like st2's Jinja environment.
 *   <li>Executions go {@code requested → scheduled → running →} their action's outcome, each step
 *       on the stream; {@code chatops.format_execution_result} runs as in st2 (its result is the
 *       python runner's envelope: {@code result.result.message}, {@code result.result.extra}).
 * </ul>
 *
 * <p>Conventions of the double that st2 does not define:
 *
 * <ul>
 *   <li><b>Request ids.</b> Switchboard sends its request id as {@code source_context.request_id}
 *       in {@code POST /api/v1/aliasexecution}. The double counts executions per request id ({@link
 *       switchboard.testkit.stackstorm.StackStormDouble#executionCount(String)}) so tests can
 *       assert exactly-once. As in st2, {@code source_context} is visible afterwards only in the
 *       execution's {@code liveaction.notify["on-complete"].data} and in the announcement's {@code
 *       payload.context}; it is not part of {@code execution.context}.
 *   <li><b>Announcement routes.</b> A finished execution whose notify route is R is announced as
 *       {@code st2.announcement__R}, as if the contract's recommended rule (a copy of {@code
 *       notify_errbot} passing {@code route: "{{ trigger.route }}"}, §7) were installed for every
 *       route. The chatops pack's own helper executions ({@code chatops.post_result}, ...) are not
 *       simulated.
 *   <li><b>Actions.</b> Every {@code action_ref} of an alias exists implicitly; {@code core.local},
 *       {@code core.remote}, {@code core.noop} and {@code chatops.format_execution_result} are
 *       built in; anything else is unknown until programmed.
 *   <li><b>Bounded memory.</b> The double remembers the last {@code executionHistory} finished
 *       executions and request ids' counts (default 10,000; executions in flight are always kept),
 *       and the last {@code requestLog} requests (default 10,000; 0 records none), so a long
 *       benchmark does not grow it without limit.
 * </ul>
 */
package switchboard.testkit.stackstorm;
