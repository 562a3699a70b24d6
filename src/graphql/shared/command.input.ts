import { InputType } from 'type-graphql';
import { TEXT, TextField } from './text.js';

/** What every mutation's input carries besides its own fields. */
@InputType({ description: 'The fields every command carries.' })
export abstract class CommandInput {
  @TextField(TEXT.KEY, {
    description: 'Your id for this command, not blank: sent again, it is handled once and gives the first answer; reused with other input, it is refused.',
  })
  idempotencyKey!: string;

  @TextField(TEXT.REFERENCE, { nullable: true, description: 'The official document (文号) this command acts on, e.g. 许工信〔2025〕18号.' })
  documentRef?: string | null;
}
