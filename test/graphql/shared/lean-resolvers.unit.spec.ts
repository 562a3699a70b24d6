/**
 * Fields with nothing around their resolver (no role, no middleware, no argument) are resolved by
 * a direct call; every other field keeps type-graphql's resolver: roles are still checked,
 * middlewares still run, arguments still converted.
 */
import 'reflect-metadata';
import { execute, type GraphQLSchema, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Arg,
  Authorized,
  buildSchema,
  Ctx,
  Field,
  FieldResolver,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  UseMiddleware,
  type MiddlewareFn,
} from 'type-graphql';
import { leanResolvers, resolverContainer } from '../../../src/graphql/lean-resolvers.js';

@ObjectType({ simpleResolvers: true })
class Row {
  @Field(() => String, { name: 'id', simple: false })
  rowId!: string;

  @Field(() => String)
  label!: string;

  /** Resolved by the resolver's `double`. */
  amount!: number;
}

interface Context {
  role: string;
  calls: string[];
}

const counted: MiddlewareFn<Context> = ({ context }, next) => {
  context.calls.push('middleware');
  return next();
};

@Resolver(() => Row)
class RowResolver {
  @Query(() => Row)
  row(): Row {
    return { rowId: 'r-1', label: 'first', amount: 21 };
  }

  @FieldResolver(() => Int)
  double(@Root() row: Row, @Ctx() ctx: Context): number {
    ctx.calls.push('double');
    return row.amount * 2;
  }

  @Authorized('AUDITOR')
  @FieldResolver(() => Int)
  secret(@Root() row: Row): number {
    return row.amount;
  }

  @UseMiddleware(counted)
  @FieldResolver(() => String)
  watched(@Root() row: Row): string {
    return row.label;
  }

  @FieldResolver(() => Int)
  times(@Root() row: Row, @Arg('by', () => Int) by: number): number {
    return row.amount * by;
  }
}

describe('lean resolvers', () => {
  let schema: GraphQLSchema;
  let replaced: number;
  beforeAll(async () => {
    const container = resolverContainer();
    schema = await buildSchema({ resolvers: [RowResolver], container, authChecker: ({ context }, roles) => roles.includes((context as Context).role), validate: false });
    replaced = leanResolvers(schema, container);
  });

  const run = async (query: string, role = 'AUDITOR') => {
    const contextValue: Context = { role, calls: [] };
    const result = await execute({ schema, document: parse(query), contextValue });
    return { ...result, calls: contextValue.calls };
  };

  it('replaces the renamed field and the unguarded, argument-free field resolver only', () => {
    expect(replaced).toBe(2);
  });

  it('answers as type-graphql does: renamed fields by their property, field resolvers with their root and context', async () => {
    const { data, errors, calls } = await run('{ row { id label double watched times(by: 3) } }');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ row: { id: 'r-1', label: 'first', double: 42, watched: 'first', times: 63 } });
    expect(calls).toEqual(expect.arrayContaining(['double', 'middleware']));
  });

  it("keeps a guarded field's role check", async () => {
    expect((await run('{ row { secret } }')).data).toEqual({ row: { secret: 21 } });
    const refused = await run('{ row { secret } }', 'APPLICANT');
    expect(refused.errors?.[0]?.message).toMatch(/Access denied/);
  });
});
