/** One clock for the server so tests can pin time. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
