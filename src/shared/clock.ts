/** The ledger's one source of "now": a parameter everywhere, so tests and replays fix the time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
