/**
 * The documents administrators write: policy documents (YAML) and identity link files (CSV or
 * YAML), validated and turned into the {@code Policy} and {@code IdentityLink} records of {@code
 * chatops.policies} and {@code chatops.identities}. Every problem names its line, and all are
 * reported at once. Used by {@code switchboard policy} and {@code switchboard identity}, and by
 * tests. Parses text only: no files, no Kafka.
 */
package switchboard.matcher.document;
