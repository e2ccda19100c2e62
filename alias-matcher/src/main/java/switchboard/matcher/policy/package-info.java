/**
 * Who may run what, where (architecture.md "Identity and permissions"): policy rules compiled from
 * {@code chatops.policies}, evaluated with deny-overrides-allow and default deny, per-user rate
 * limits as a pure function of their usage log, and the {@link
 * switchboard.matcher.policy.PermissionDecider} the topology asks. Pure: the reasons are in
 * DESIGN.md beside this file.
 */
package switchboard.matcher.policy;
