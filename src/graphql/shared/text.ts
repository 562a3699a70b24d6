/**
 * Text a client sends: every String input has a length limit, shown in its description, and
 * control, format and bidi characters (Unicode Cc and Cf: NUL, escapes, zero-width and
 * right-to-left overrides), or a lone surrogate, are refused, naming the field: they would be
 * stored in the log for good, or echoed back, and shown to every reader. Prose (a reason, an
 * opinion) may break lines. `@TextField` declares a field with its limit; `checkTexts`, type-graphql's validateFn,
 * checks every argument before a resolver runs.
 */
import { Arg, Field, ID, type ValidatorFn } from 'type-graphql';
import { badUserInput } from '../errors/api-error.js';

export interface TextLimit {
  maxLength: number;
  /** Tab, line feed and carriage return allowed. */
  multiline: boolean;
}

export const TEXT = {
  /** A name: a firm's, a person's (a token's subject), or part of one to search for. */
  NAME: { maxLength: 200, multiline: false },
  /** A reference: a document number (文号), a payment or register reference. */
  REFERENCE: { maxLength: 100, multiline: false },
  /** A code: a benefit line's, a county's, a payer ("county-<code>"), a kind of fact or cost. */
  CODE: { maxLength: 64, multiline: false },
  /** An id or a cursor the API gave out: a uuid, a budget line id ("<line>.<year>.<payer>"), a credit code. */
  ID: { maxLength: 200, multiline: false },
  /** A client's own idempotency key. */
  KEY: { maxLength: 200, multiline: false },
  /** Prose: a reason, an opinion, a note. */
  PROSE: { maxLength: 2_000, multiline: true },
  /** A small file's bytes in base64 (a treasury file sent through the API; a larger one goes through the command line). */
  FILE: { maxLength: 100_000, multiline: false },
} as const satisfies Record<string, TextLimit>;

const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const UNPRINTABLE_BUT_LINE_BREAKS = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}]/u;

/** What is wrong with `text` as the value of `name`, as a sentence, or undefined. */
export function textProblem(name: string, text: string, { maxLength, multiline }: TextLimit): string | undefined {
  // Characters are code points: a character outside the BMP is one, not two.
  const length = text.length > maxLength ? [...text].length : text.length;
  if (length > maxLength) return `${name} must be at most ${maxLength} characters (got ${length})`;
  const found = (multiline ? UNPRINTABLE_BUT_LINE_BREAKS : UNPRINTABLE).exec(text);
  if (!found) return undefined;
  const codePoint = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const allowed = multiline ? '; only tab and line breaks are allowed' : '';
  return `${name} must not contain control, format or bidi characters (${codePoint} at position ${[...text.slice(0, found.index)].length + 1})${allowed}`;
}

function documented(description: string, { maxLength, multiline }: TextLimit): string {
  const characters = multiline ? 'line breaks allowed, no other control, format or bidi characters' : 'no control, format or bidi characters';
  return `${description} At most ${maxLength} characters; ${characters}.`;
}

/** Each input class's text fields and their limits, by the class's prototype. */
const limits = new WeakMap<object, Map<string, TextLimit>>();

function limitOf(value: object, field: string): TextLimit | undefined {
  for (let prototype = Object.getPrototypeOf(value); prototype; prototype = Object.getPrototypeOf(prototype)) {
    const limit = limits.get(prototype)?.get(field);
    if (limit) return limit;
  }
  return undefined;
}

/** A String (or, with `list`, a [String]) field of an input or args class, with its limit checked and documented. */
export function TextField(limit: TextLimit, { list, ...options }: { description: string; nullable?: boolean; list?: boolean }): PropertyDecorator {
  const field = Field(list ? () => [String] : () => String, { ...options, description: documented(options.description, limit) });
  return (prototype, property) => {
    field(prototype, property);
    let fields = limits.get(prototype);
    if (!fields) limits.set(prototype, (fields = new Map()));
    fields.set(String(property), limit);
  };
}

/** Refuses `value`, a text or a list of texts at `path`, when out of bounds. */
function checkText(path: string, value: unknown, limit: TextLimit): void {
  if (Array.isArray(value)) return value.forEach((item, index) => checkText(`${path}[${index}]`, item, limit));
  const problem = typeof value === 'string' ? textProblem(path, value, limit) : undefined;
  if (problem) throw badUserInput(problem);
}

/** A String (or, with `id`, an ID) argument of its own (not in an input class), with its limit checked and documented. */
export function TextArg(name: string, limit: TextLimit, { id, ...options }: { description: string; nullable?: boolean; id?: boolean }): ReturnType<typeof Arg> {
  const validateFn: ValidatorFn = (value) => checkText(name, value, limit);
  return Arg(name, id ? () => ID : () => String, { ...options, description: documented(options.description, limit), validateFn });
}

/** Checks every text field of an argument (an input, its nested inputs and lists), by its path. */
function checkAt(value: unknown, path: string): void {
  if (Array.isArray(value)) return value.forEach((item, index) => checkAt(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return;
  for (const [field, item] of Object.entries(value)) {
    const at = path ? `${path}.${field}` : field;
    const limit = limitOf(value, field);
    if (limit) checkText(at, item, limit);
    else checkAt(item, at);
  }
}

export const checkTexts: ValidatorFn = (argument) => checkAt(argument, '');
