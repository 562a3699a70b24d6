import { Field, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../shared/connection.js';
import { EnterpriseKindValue } from '../shared/enums.js';
import { Payload } from '../shared/payload.js';
import { Enterprise } from './enterprise.type.js';
import { TEXT, TextField } from '../shared/text.js';

@InputType({ description: 'Which enterprises to list; every field narrows the list.' })
export class EnterpriseFilterInput {
  @TextField(TEXT.NAME, { nullable: true, description: 'Part of the registered name, e.g. 许昌.' })
  nameContains?: string | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'County code, e.g. "yuzhou".' })
  county?: string | null;

  @Field(() => EnterpriseKindValue, { nullable: true, description: 'Kind of beneficiary.' })
  kind?: EnterpriseKindValue | null;
}

@ObjectType({ description: 'A page of enterprises.' })
export class EnterpriseConnection extends Connection(Enterprise, 'Enterprise', 'enterprise') {}

@ObjectType({ description: 'The enterprise registered.' })
export class EnterprisePayload extends Payload(Enterprise, 'enterprise', 'enterprise') {}
