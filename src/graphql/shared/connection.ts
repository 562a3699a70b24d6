/**
 * Relay-style connections (`edges { cursor node }`, `pageInfo`, `totalCount`) over the read
 * model's offset pages. Cursors are opaque to clients; a page holds at most MAX_PAGE_SIZE nodes.
 */
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { badUserInput } from '../errors/api-error.js';
import { TEXT, TextField } from './text.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its list (Relay).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether nodes follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether nodes precede the first one of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first node of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last node: pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many nodes (1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @TextField(TEXT.ID, { nullable: true, description: 'Return the nodes after this cursor.' })
  after?: string | null;
}

/** A page request as the read model takes it. */
export interface Page {
  limit: number;
  offset: number;
}

export interface ConnectionShape<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: PageInfo;
  totalCount: number;
}

const CURSOR_PREFIX = 'offset:';

const encodeCursor = (offset: number) => Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = Number(text.slice(CURSOR_PREFIX.length));
  // Only the cursors this list hands out: base64url decoding skips stray characters, Number reads "0x2".
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCursor(offset) !== cursor) {
    throw badUserInput(`"${cursor}" is not a cursor of this list`);
  }
  return offset;
}

/** Checks the page arguments: an oversized or empty page is refused, not silently trimmed. */
export function pageOf({ first, after }: PageArgs): Page {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be from 1 to ${MAX_PAGE_SIZE} (got ${first})`);
  }
  return { limit, offset: after ? decodeCursor(after) + 1 : 0 };
}

/** An edge whose cursor is encoded when it is read: a page is mostly asked for its end cursor only. */
class OffsetEdge<Node> {
  constructor(
    readonly node: Node,
    private readonly offset: number,
  ) {}

  get cursor(): string {
    return encodeCursor(this.offset);
  }
}

/** One page of nodes as a connection; `nodes` are the rows at `page.offset`, in order. */
export function connectionOf<Node>(nodes: Node[], totalCount: number, page: Page): ConnectionShape<Node> {
  const edges = nodes.map((node, i) => new OffsetEdge(node, page.offset + i));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.offset + nodes.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * The abstract base of `<Name>Connection` with its `<Name>Edge`: subclass it with
 * `@ObjectType()` (and add fields such as totals over the filter).
 */
export function Connection<Node extends object>(nodeType: ClassType<Node>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${what} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this node in the list.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: Node;
  }

  @ObjectType(`${name}ConnectionBase`, { simpleResolvers: true, description: `A page of ${what}s.` })
  abstract class ConnectionBase implements ConnectionShape<Node> {
    @Field(() => [Edge], { description: `The ${what}s of this page.` })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `How many ${what}s match the filter, over all pages.` })
    totalCount!: number;
  }

  return ConnectionBase;
}
