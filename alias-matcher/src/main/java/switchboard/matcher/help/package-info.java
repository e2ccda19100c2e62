/** st2's alias help listing (contract §3.3) and the chat forms that ask for it. Pure. */
package switchboard.matcher.help;
