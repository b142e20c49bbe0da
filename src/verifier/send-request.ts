import { toHttpRequest } from "../operations/derive.js";
import type { Step } from "./context.js";
import { errorFromResponse } from "./errors.js";

/** The innermost step: one HTTP attempt through the transport; a non-2xx answer becomes a typed error. */
export const sendRequest: Step = async (ctx, next) => {
  const parts = toHttpRequest(ctx.op, ctx.input);
  const stream = ctx.op.streams === true && ctx.input.stream === true;
  const body = stream && parts.body ? { ...parts.body } : parts.body;
  if (body && stream) delete body.stream;
  ctx.meta.attempts++;
  const res = await ctx.runtime.transport.send({
    method: parts.method,
    path: parts.path,
    query: parts.query,
    body,
    headers: parts.headers,
    key: ctx.op.key,
    signal: ctx.signal,
    timeoutMs: ctx.runtime.options.timeoutMs,
    stream,
    onEvent: ctx.onEvent,
  });
  ctx.headers = res.headers;
  ctx.meta.status = res.status;
  ctx.meta.request_id = res.headers.get("request-id") ?? undefined;
  if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, res.headers, res.body, ctx.runtime.now());
  ctx.data = res.body;
  await next();
};
