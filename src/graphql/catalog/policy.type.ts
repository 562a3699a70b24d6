import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars/date.scalar.js';

@ObjectType({ description: 'An article (条) of a policy.' })
export class PolicyArticle {
  @Field(() => String, { description: 'e.g. "(一)".' })
  article!: string;

  @Field(() => String, { description: 'What the article is about.' })
  title!: string;
}

@ObjectType({ description: 'A published policy (政策文件), such as 许政〔2016〕8号, whose benefit lines the ledger pays.' })
export class Policy {
  @Field(() => String, { name: 'code', description: 'Stable code, e.g. "xuchang-2016-8".' })
  policyCode!: string;

  @Field(() => String, { description: 'Document number (文号), e.g. 许政〔2016〕8号.' })
  documentNumber!: string;

  @Field(() => String, { description: 'Title of the document.' })
  title!: string;

  @Field(() => String, { description: 'Who issued it, e.g. 许昌市人民政府.' })
  issuer!: string;

  @Field(() => DateScalar, { description: 'Date of issue.' })
  issuedOn!: string;

  @Field(() => [PolicyArticle], { description: 'Its articles.' })
  articles!: PolicyArticle[];
}
