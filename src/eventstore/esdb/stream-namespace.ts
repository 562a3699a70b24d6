/**
 * Which of the server's streams are the ledger's. By default every stream that is not a system
 * stream (`$…`); with a prefix, only the streams named with it, so several ledgers (or test
 * runs) can share one server. The ledger never sees the prefix: it is added on the way in and
 * removed on the way out.
 */
import { streamNameFilter } from '@eventstore/db-client';
import { EventStoreError } from '../port.js';

export class StreamNamespace {
  constructor(private readonly prefix = '') {
    if (prefix.startsWith('$')) throw new InvalidStreamError(prefix);
  }

  toServer(stream: string): string {
    if (stream.startsWith('$')) throw new InvalidStreamError(stream);
    return this.prefix + stream;
  }

  fromServer(stream: string): string {
    return stream.slice(this.prefix.length);
  }

  owns(serverStream: string): boolean {
    return !serverStream.startsWith('$') && serverStream.startsWith(this.prefix);
  }

  /** The same choice, made by the server for a `$all` subscription. */
  subscriptionFilter() {
    return this.prefix ? streamNameFilter({ prefixes: [this.prefix] }) : streamNameFilter({ regex: '^[^$]' });
  }
}

/** `$` streams belong to EventStoreDB; the ledger never writes there. */
export class InvalidStreamError extends EventStoreError {
  constructor(stream: string) {
    super('INVALID_STREAM', `stream ${JSON.stringify(stream)}: names starting with $ are EventStoreDB's system streams`);
  }
}
