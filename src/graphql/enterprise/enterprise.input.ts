import { Field, InputType } from 'type-graphql';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { CommandInput } from '../shared/command.input.js';
import { EnterpriseKindValue } from '../shared/enums.js';
import { TEXT, TextField } from '../shared/text.js';

@InputType({ description: 'A beneficiary to register.' })
export class RegisterEnterpriseInput extends CommandInput {
  @Field(() => CreditCodeScalar, { description: 'Its Unified Social Credit Code (统一社会信用代码).' })
  creditCode!: string;

  @TextField(TEXT.NAME, { description: 'Registered name.' })
  name!: string;

  @TextField(TEXT.CODE, { description: 'County code where it is registered, e.g. "yuzhou" (see `counties`).' })
  county!: string;

  @Field(() => EnterpriseKindValue, { description: 'Enterprise, startup base or guarantee institution.' })
  kind!: EnterpriseKindValue;
}
