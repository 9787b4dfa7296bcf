// What features may use of the GraphQL layer: access declarations, the caller's parameter
// decorators, the context's type, look-ahead loading and the query cost. The rest of graphql/
// composes the schema and the server and is not imported from features (eslint.config.mjs).
export { Access, Public } from "./access";
export { CurrentClient, CurrentSessionId, CurrentUser } from "./current";
export type { GraphQLContext, Viewer } from "./context";
export { loadAccountsAhead, loadMetersAhead, reloadMeterAfterSending } from "./loaders";
export { Selection } from "./look-ahead";
export {
  chargeRows,
  checkedOperationCost,
  MAX_OPERATION_COST,
  rowsReturnedIn,
  type RowCost,
} from "./cost";
