// Moved: the connector port now lives with the core that uses it (core/connector.ts). This re-export
// keeps connectors written against the old path compiling for one round; import from the core.
export type { ConfirmedAction, Connector, RawEvent, Reconciled, StaffList } from '../core/connector';
