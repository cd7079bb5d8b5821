// The team layer's pure core: ledger records, the state they fold into, and shift arithmetic.
export * from './canonical';
export * from './records';
export * from './state';
export * from './schedule';
export * from './view';
export * from './escalate';
export * from './handFlag';
