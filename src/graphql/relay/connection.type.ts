/**
 * A factory of Relay connection types: `createConnectionType('Model', ModelType)` gives
 * `ModelConnection { edges: [ModelEdge!]!, pageInfo, totalCount }` and `ModelEdge { cursor, node }`.
 */
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfoType } from './page-info.type.js';

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  pageInfo: PageInfoType;
  /** Null where counting the whole list is not cheap. */
  totalCount: number | null;
}

export interface ConnectionTypes<Node> {
  Connection: ClassType<Connection<Node>>;
  Edge: ClassType<Edge<Node>>;
}

export function createConnectionType<Node extends object>(
  nodeName: string,
  nodeClass: ClassType<Node>,
  description = `A page of ${nodeName} objects (Relay connection).`,
): ConnectionTypes<Node> {
  @ObjectType(`${nodeName}Edge`, { description: `One ${nodeName} of a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Pass as `after` (or `before`) to page from this item.' })
    cursor!: string;

    @Field(() => nodeClass, { description: `The ${nodeName}.` })
    node!: Node;
  }

  @ObjectType(`${nodeName}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, in list order, with cursors.' })
    edges!: EdgeType[];

    @Field(() => PageInfoType, { description: 'Whether more items precede or follow this page.' })
    pageInfo!: PageInfoType;

    @Field(() => Int, {
      nullable: true,
      description: 'How many items the whole list (all pages) holds; null where not cheap to count.',
    })
    totalCount!: number | null;
  }

  return { Connection: ConnectionType, Edge: EdgeType };
}
