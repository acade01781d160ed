import type { FastifyInstance } from 'fastify';
import { invalid } from './errors.ts';

/** Deeper than any form, import or STIX bundle the app takes; bounds what reaches jsonb columns and the walk below. */
const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Problem = { field: string; message: string; messageVi: string };

function textProblem(s: string, field: string): Problem | undefined {
  if (s.includes('\u0000'))
    return { field, message: `${field}: text must not contain NUL characters`, messageVi: `${field}: văn bản không được chứa ký tự NUL` };
  if (LONE_SURROGATE.test(s)) {
    return {
      field,
      message: `${field}: text is not valid Unicode (a lone surrogate)`,
      messageVi: `${field}: văn bản không phải Unicode hợp lệ (ký tự thay thế đơn lẻ)`,
    };
  }
  return undefined;
}

/** The first string (value or key) PostgreSQL cannot store as text, or the first level nested too deep. */
function findBadInput(value: unknown, root: string): Problem | undefined {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v, path || root);
      if (p) return p;
    } else if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      const field = path || root;
      if (depth >= MAX_DEPTH)
        return { field, message: `${field}: nested deeper than ${MAX_DEPTH} levels`, messageVi: `${field}: dữ liệu lồng nhau quá ${MAX_DEPTH} cấp` };
      for (const [k, child] of Object.entries(v)) {
        const key = path ? `${path}.${k}` : k;
        const p = textProblem(k, key);
        if (p) return p;
        stack.push([child, key, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * Every request's path parameters, query string and parsed body are checked before validation, on the root
 * instance so that every route inherits it, whether or not it declares a schema: no string with a NUL character or
 * a lone UTF-16 surrogate (PostgreSQL refuses the first in text and jsonb, the second in jsonb; the driver would
 * silently replace it in text) and no nesting deeper than MAX_DEPTH. A validator-compiler wrapper would miss the
 * routes that read an undeclared part (a body without schema, e.g. the CSV push).
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const parts: [string, unknown][] = [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ];
    for (const [root, value] of parts) {
      const p = findBadInput(value, root);
      if (p) throw invalid(p.field, p.message, p.messageVi);
    }
  });
}
