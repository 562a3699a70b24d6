import { Field, InputType } from 'type-graphql';

/** What every mutation's input carries besides its own fields. */
@InputType({ description: 'The fields every command carries.' })
export abstract class CommandInput {
  @Field(() => String, {
    description: 'Your id for this command, 1 to 200 characters, not blank: sent again, it is handled once and gives the first answer; reused with other input, it is refused.',
  })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'The official document (文号) this command acts on, e.g. 许工信〔2025〕18号.' })
  documentRef?: string | null;
}
