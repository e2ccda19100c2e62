/**
 * st2's alias format grammar, ported exactly (contract §9): {@link
 * switchboard.matcher.grammar.AliasFormatParser} and {@link
 * switchboard.matcher.grammar.CompiledFormat} parse commands as st2's {@code
 * ActionAliasFormatParser} does, on top of {@link
 * switchboard.matcher.grammar.PythonRegexTranslator}, which reads Python {@code re} syntax. Pure:
 * no I/O. See DESIGN.md beside this file for why each quirk is kept.
 */
package switchboard.matcher.grammar;
