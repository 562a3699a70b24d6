import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { Connection } from '../shared/connection.js';
import { TEXT, TextField } from '../shared/text.js';
import { PoolMemberStatusValue } from './measures.enums.js';
import { Activity, Designation, PoolMember } from './measures.type.js';

@InputType({ description: 'Which designations to list; every field narrows the list.' })
export class DesignationFilterInput {
  @Field(() => CreditCodeScalar, { nullable: true, description: 'The beneficiary.' })
  creditCode?: string | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'The kind, e.g. "little-giant".' })
  kindCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Designated in this year.' })
  year?: number | null;
}

@InputType({ description: 'Which firms of the cultivation pools to list.' })
export class PoolMemberFilterInput {
  @TextField(TEXT.CODE, { nullable: true, description: 'The pool, e.g. "key-cultivation".' })
  poolCode?: string | null;

  @Field(() => PoolMemberStatusValue, { nullable: true, description: 'In the pool, or left.' })
  status?: PoolMemberStatusValue | null;

  @Field(() => CreditCodeScalar, { nullable: true, description: 'The firm.' })
  creditCode?: string | null;
}

@InputType({ description: 'Which targets: every field narrows the list.' })
export class TargetFilterInput {
  @Field(() => Int, { nullable: true, description: 'The year.' })
  year?: number | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'The article (条), e.g. "(一)".' })
  article?: string | null;

  @TextField(TEXT.NAME, { nullable: true, description: 'The lead unit (牵头单位), e.g. 市工信委.' })
  leadUnit?: string | null;
}

@InputType({ description: 'Which activities to list.' })
export class ActivityFilterInput {
  @TextField(TEXT.CODE, { nullable: true, description: 'The target.' })
  targetCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'The target\'s year.' })
  year?: number | null;

  @TextField(TEXT.NAME, { nullable: true, description: 'The unit that did it.' })
  unit?: string | null;
}

@ObjectType({ description: 'A page of designations.' })
export class DesignationConnection extends Connection(Designation, 'Designation', 'designation') {}

@ObjectType({ description: 'A page of firms of the cultivation pools.' })
export class PoolMemberConnection extends Connection(PoolMember, 'PoolMember', 'pool member') {}

@ObjectType({ description: 'A page of activities.' })
export class ActivityConnection extends Connection(Activity, 'Activity', 'activity') {}
