/**
 * The dispatch ledger: where each request stands with StackStorm ({@code chatops.dispatch.ledger},
 * compacted, keyed by request id), held in memory, followed from Kafka, and written only by the
 * {@link switchboard.dispatcher.ledger.DispatchJournal} in transactions together with the records
 * and offsets each step implies.
 */
package switchboard.dispatcher.ledger;
