import {
  type FieldNode,
  getNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  isObjectType,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";

/**
 * What a query selects under the field being resolved, as GraphQL's executor will see it
 * (fragments, aliases, @skip and @include applied): for loading nested data ahead, in one round.
 */
export class Selection {
  private readonly byName = new Map<string, FieldNode[]>();

  private constructor(
    private readonly info: GraphQLResolveInfo,
    private readonly type: GraphQLObjectType | null,
    nodes: readonly FieldNode[],
  ) {
    if (!type || nodes.length === 0) return;
    const { schema, fragments, variableValues } = info;
    for (const fieldNodes of collectSubfields(
      schema,
      fragments,
      variableValues,
      type,
      nodes,
    ).values()) {
      const name = fieldNodes[0].name.value;
      this.byName.set(name, [...(this.byName.get(name) ?? []), ...fieldNodes]);
    }
  }

  /** The selection of the field `info` resolves (its object type's fields). */
  static of(info: GraphQLResolveInfo): Selection {
    return new Selection(info, objectTypeOf(info.returnType), info.fieldNodes);
  }

  has(field: string): boolean {
    return this.byName.has(field);
  }

  /** The selection under one of these fields (empty when it is not selected). */
  under(field: string): Selection {
    const definition = this.type?.getFields()[field];
    return new Selection(
      this.info,
      definition ? objectTypeOf(definition.type) : null,
      this.byName.get(field) ?? [],
    );
  }
}

function objectTypeOf(type: GraphQLOutputType): GraphQLObjectType | null {
  const named = getNamedType(type);
  return isObjectType(named) ? named : null;
}
