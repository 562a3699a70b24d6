/**
 * Mutation payloads: the log position written, and the affected object as the projections
 * show it once they have applied that position (read-your-writes).
 */
import { Field, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { PositionScalar } from '../scalars/position.scalar.js';

/** `<name>Payload { position, <field>: <Node>! }`: subclass it with `@ObjectType()` to add fields. */
export function Payload<Node extends object, Key extends string>(nodeType: ClassType<Node>, field: Key, what: string) {
  @ObjectType({ description: `What a mutation wrote, and the ${what} as it now reads.` })
  abstract class PayloadBase {
    @Field(() => PositionScalar, { description: 'Where the command\'s last event is in the log (or was, when the command had been handled before).' })
    position!: string;
  }
  Field(() => nodeType, { description: `The ${what}, as the projections show it after the write.` })(PayloadBase.prototype, field);
  return PayloadBase as unknown as abstract new () => PayloadBase & Record<Key, Node>;
}
