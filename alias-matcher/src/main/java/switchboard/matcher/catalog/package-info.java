/**
 * The file edge of the matcher: aliases from st2's API JSON, pack directories or YAML files, and
 * format/command test cases for pack authors' CI. The only package here that does I/O.
 */
package switchboard.matcher.catalog;
