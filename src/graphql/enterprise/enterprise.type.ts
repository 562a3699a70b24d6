import { Field, ObjectType } from 'type-graphql';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { DateTimeScalar } from '../scalars/date.scalar.js';
import { EnterpriseKindValue } from '../shared/enums.js';

@ObjectType({ simpleResolvers: true, description: 'A registered beneficiary (受益主体): a small/micro enterprise, a startup base or a guarantee institution.' })
export class Enterprise {
  @Field(() => CreditCodeScalar, { description: 'Its Unified Social Credit Code (统一社会信用代码).' })
  creditCode!: string;

  @Field(() => String, { description: 'Registered name.' })
  name!: string;

  /** County code; the schema's `county` field resolves it to a County. */
  county!: string;

  /** One of EnterpriseKindValue's values (the register stores the domain's string). */
  @Field(() => EnterpriseKindValue, { description: 'Enterprise, startup base or guarantee institution.' })
  kind!: string;

  @Field(() => DateTimeScalar, { description: 'When it was registered in the ledger.' })
  registeredAt!: string;

  @Field(() => String, { description: 'Who registered it.' })
  registeredBy!: string;
}
