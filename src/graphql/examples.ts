/**
 * The example operations of schema/examples.graphql, by name, each with the fragments it uses:
 * what the examples test and the API benchmark send.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefinitionNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse, print, visit } from 'graphql';

export const EXAMPLES_FILE = fileURLToPath(new URL('../../schema/examples.graphql', import.meta.url));

const definitions = parse(readFileSync(EXAMPLES_FILE, 'utf8')).definitions;
const operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
const fragments = new Map(
  definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
);

export const exampleNames = (): string[] => operations.map((o) => o.name!.value);

/** The source of one named operation and every fragment it reaches. */
export function example(name: string): string {
  const operation = operations.find((o) => o.name?.value === name);
  if (!operation) throw new Error(`no operation ${name} in ${EXAMPLES_FILE}`);
  const used = new Map<string, DefinitionNode>();
  const collect = (node: DefinitionNode): void =>
    void visit(node, {
      FragmentSpread({ name }) {
        const fragment = fragments.get(name.value);
        if (!fragment || used.has(name.value)) return;
        used.set(name.value, fragment);
        collect(fragment);
      },
    });
  collect(operation);
  return [operation, ...used.values()].map((d) => print(d)).join('\n\n');
}
