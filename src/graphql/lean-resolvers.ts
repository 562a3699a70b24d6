/**
 * type-graphql runs every resolver it generates through its middleware pipeline on every call
 * (a ResolverData object, the handler's parameters sorted and mapped, the resolver instance looked
 * up in its container), even for a field with no middleware, no role and no argument: on the
 * auditors' 100-row page that is several hundred calls per request for a row's enterprise, line,
 * approval, county and renamed `id`/`amount`. For such fields only, the built schema's resolver
 * is replaced by a direct call of the same method with the same parameters; any field with a role
 * (`@Authorized`), a middleware or an argument keeps type-graphql's resolver, so access control
 * and argument checks run exactly as before.
 */
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage, type ContainerType } from 'type-graphql';

type Metadata = ReturnType<typeof getMetadataStorage>;
type FieldMetadata = Metadata['fields'][number];
type FieldResolverMetadata = Metadata['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];
type Resolver = GraphQLFieldResolver<unknown, unknown>;
type Getter = (root: unknown, context: unknown, info: unknown) => unknown;

/** One instance per resolver class (they hold no state), found by a map rather than type-graphql's scan of a list. */
export function resolverContainer(): ContainerType {
  const instances = new Map<Function, unknown>();
  return {
    get(someClass: new () => unknown) {
      let instance = instances.get(someClass);
      if (!instance) instances.set(someClass, (instance = new someClass()));
      return instance;
    },
  } as ContainerType;
}

/** No middleware and no role: nothing would run around the resolver. */
const unguarded = (metadata: { middlewares?: unknown[]; roles?: unknown[] }) => !metadata.middlewares?.length && metadata.roles === undefined;

/**
 * A class type-graphql would copy a root into (`@Root()` typed by emitted metadata) that has no
 * methods or accessors: the copy reads the same as the row itself.
 */
const plainClass = (type: unknown) =>
  typeof type === 'function' && Object.getOwnPropertyNames((type as { prototype: object }).prototype).every((name) => name === 'constructor');

function getterOf(param: ParamMetadata): Getter | undefined {
  switch (param.kind) {
    case 'root':
      if (param.getType && !plainClass(param.getType())) return undefined;
      return param.propertyName ? (root) => (root as Record<string, unknown>)[param.propertyName!] : (root) => root;
    case 'context':
      return param.propertyName ? (_root, context) => (context as Record<string, unknown>)[param.propertyName!] : (_root, context) => context;
    case 'info':
      return (_root, _context, info) => info;
    default:
      return undefined;
  }
}

/** The method called directly, or undefined when type-graphql must keep the field. */
function directFieldResolver(resolver: FieldResolverMetadata, container: ContainerType): Resolver | undefined {
  if (resolver.kind !== 'external' || !unguarded(resolver)) return undefined;
  const getters = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index).map(getterOf);
  if (getters.some((getter) => getter === undefined)) return undefined;
  const instance = container.get(resolver.target as new () => object, {} as never) as Record<string, (...params: unknown[]) => unknown>;
  const method = instance[resolver.methodName]!;
  const [first, second] = getters as Getter[];
  // The page's field resolvers take (root, context): called without an array of parameters.
  if (getters.length === 2) return (root, _args, context, info) => method.call(instance, first!(root, context, info), second!(root, context, info));
  return (root, _args, context, info) => method.apply(instance, (getters as Getter[]).map((getter) => getter(root, context, info)));
}

/** A renamed plain field (`name` in the schema, another property inside) read directly. */
function directPropertyResolver(field: FieldMetadata): Resolver | undefined {
  if (!unguarded(field) || field.params?.length) return undefined;
  const property = field.name;
  return (root) => (root as Record<string, unknown>)[property];
}

/**
 * Replaces, in a schema type-graphql built from the global metadata with `container`, the resolvers
 * of unguarded, argument-free fields; returns how many it replaced.
 */
export function leanResolvers(schema: GraphQLSchema, container: ContainerType): number {
  const storage = getMetadataStorage();
  let replaced = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const built = type.getFields();
    for (const field of objectType.fields ?? []) {
      const graphqlField = built[field.schemaName];
      if (!graphqlField?.resolve) continue;
      // As type-graphql pairs them: the field resolver of this class with the property's name.
      const fieldResolver = storage.fieldResolvers.find((r) => r.getObjectType?.() === field.target && r.methodName === field.name);
      const resolve = fieldResolver ? directFieldResolver(fieldResolver, container) : directPropertyResolver(field);
      if (!resolve) continue;
      graphqlField.resolve = resolve;
      replaced += 1;
    }
  }
  return replaced;
}
