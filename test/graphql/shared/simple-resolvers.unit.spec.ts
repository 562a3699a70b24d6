/**
 * Object types with `simpleResolvers` leave plain fields to graphql-js's default resolver, which
 * reads the property by the schema's name: a field renamed in the schema must keep type-graphql's
 * resolver (`simple: false`), or it would answer null.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { getMetadataStorage } from 'type-graphql';
import { buildLedgerSchema } from '../../../src/graphql/schema.js';

describe('the schema built from the resolvers', () => {
  it('resolves every renamed field of a simple-resolvers type through its property', async () => {
    await buildLedgerSchema();
    const storage = getMetadataStorage();
    const simpleTypes = new Set(storage.objectTypes.filter((t) => t.simpleResolvers).map((t) => t.target));
    const unresolvable = storage.fields
      .filter((f) => simpleTypes.has(f.target) && f.schemaName !== f.name && f.simple !== false)
      .map((f) => `${f.target.name}.${f.name}`);
    expect(unresolvable).toEqual([]);
  });
});
