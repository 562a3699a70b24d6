/** A small HTTP client for the API tests: JSON in, status, headers and JSON out. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface GraphqlRequest {
  /** Left out when only a persisted query's hash is sent. */
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  token?: string;
  headers?: Record<string, string>;
}

export async function postGraphql(url: string, { query, operationName, variables, extensions, token, headers }: GraphqlRequest): Promise<HttpAnswer> {
  return send(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, operationName, variables, extensions }),
  });
}

export async function send(url: string, init: RequestInit): Promise<HttpAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text (e.g. the explorer's HTML)
  }
  return { status: response.status, headers: response.headers, body };
}
