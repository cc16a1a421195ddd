/** Relay building blocks shared by every feature: global ids, `Node`, connections, cursors. */
export { toGlobalId, fromGlobalId, keyOfGlobalId, type GlobalIdParts } from './global-id.js';
export { encodeCursor, decodeCursor } from './cursor.js';
export { NodeInterface, NODE_TYPE } from './node.interface.js';
export { registerNodeType, nodeFetcher, type NodeFetcher } from './node-registry.js';
export { NodeResolver } from './node.resolver.js';
export { PageInfoType } from './page-info.type.js';
export { ConnectionArgs } from './connection-args.js';
export { validatePageRequest, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from './page-request.js';
export { createConnectionType, type Connection, type Edge, type ConnectionTypes } from './connection.type.js';
export { connectionFromArray, newestFirstPosition } from './connection-from-array.js';
