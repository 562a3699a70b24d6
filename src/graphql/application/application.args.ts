import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { Connection } from '../shared/connection.js';
import { ApplicationStatusValue } from '../shared/enums.js';
import { Payload } from '../shared/payload.js';
import { Application } from './application.type.js';
import { TEXT, TextField } from '../shared/text.js';

@InputType({ description: 'Which applications to list; every field narrows the list.' })
export class ApplicationFilterInput {
  @Field(() => ApplicationStatusValue, { nullable: true, description: 'Where they are in their life.' })
  status?: ApplicationStatusValue | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'Benefit line code.' })
  lineCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fiscal year.' })
  fiscalYear?: number | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'County code of the applicant.' })
  county?: string | null;

  @Field(() => CreditCodeScalar, { nullable: true, description: 'The applying enterprise.' })
  creditCode?: string | null;
}

@ObjectType({ description: 'A page of applications.' })
export class ApplicationConnection extends Connection(Application, 'Application', 'application') {}

@ObjectType({ description: 'The application a command changed.' })
export class ApplicationPayload extends Payload(Application, 'application', 'application') {}

@ObjectType({ description: 'The approval written, and the application it approved.' })
export class ApprovalPayload extends Payload(Application, 'application', 'application') {
  @Field(() => String, { description: 'The approval id.' })
  approvalId!: string;
}
