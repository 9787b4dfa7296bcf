// The development GraphQL explorer (GraphiQL), served at GET /graphql by
// server/src/http/explorer.ts under the service's CSP with a per-response nonce. Built on its
// own (vite.config.ts here), never part of the subscriber app's bundle; no JSX, so no React
// plugin.
import "graphiql/style.css";
import "./explorer.css";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

// The <style> elements GraphiQL's components add at run time (get-nonce) carry the page's nonce.
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
Object.assign(globalThis, { __webpack_nonce__: nonce });

const fetcher: GraphiQLProps["fetcher"] = async (params, options) => {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      ...options?.headers,
    },
    body: JSON.stringify(params),
  });
  return response.json();
};

const DEFAULT_QUERY = `# Gas readings GraphQL API: the schema is under Docs (left).
# An integrator's token goes in Headers (below):
# {"authorization": "Bearer <accessToken from issueApiToken>"}
query Schema {
  __schema {
    queryType {
      name
    }
  }
}
`;

const root = document.getElementById("explorer");
if (root) {
  createRoot(root).render(createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY }));
}
