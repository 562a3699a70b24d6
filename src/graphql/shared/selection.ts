/** What a query asks of a field's result, so that a resolver reads no more than that. */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields of selection sets, through inline fragments and fragment spreads. */
function fieldsOf(sets: readonly (SelectionSetNode | undefined)[], fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') fields.push(selection);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else visit(fragments[selection.name.value]?.selectionSet);
    }
  };
  sets.forEach(visit);
  return fields;
}

/**
 * The names of the fields selected at `path` below the field being resolved (`['edges', 'node']`
 * of a connection: what each node is asked for), under any alias and through fragments. Conditions
 * (`@skip`, `@include`, type conditions) are not evaluated: the set may name a field that will not
 * run, never miss one that will.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const step of path) fields = fieldsOf(fields.map((f) => f.selectionSet), info.fragments).filter((f) => f.name.value === step);
  return new Set(fieldsOf(fields.map((f) => f.selectionSet), info.fragments).map((f) => f.name.value));
}
