import { Field, ObjectType } from 'type-graphql';
import { Role } from '../auth/role.js';

@ObjectType({ description: 'The caller, as its token says: who acts, in which role, for which enterprise.' })
export class Viewer {
  @Field(() => String, { description: 'The user id recorded as the actor of what this caller does.' })
  subject!: string;

  @Field(() => Role, { description: 'What this caller may do.' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'APPLICANT only: the credit code of the enterprise it acts for.' })
  creditCode!: string | null;
}
