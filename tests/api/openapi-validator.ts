/** Validates real responses against the served OpenAPI document (ajv, JSON Schema 2020-12). */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();
  constructor(private readonly doc: any) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'problem', ...doc.components.schemas.Problem });
  }

  /** Throws with ajv's messages unless `body` matches the documented response. */
  check(pathKey: string, method: 'get' | 'post', status: number, contentType: string | null, body: unknown): void {
    const op = this.doc.paths[pathKey]?.[method];
    if (!op) throw new Error(`undocumented operation ${method.toUpperCase()} ${pathKey}`);
    const resp = op.responses[String(status)];
    if (!resp) throw new Error(`undocumented status ${status} for ${method.toUpperCase()} ${pathKey}`);
    const media = (contentType ?? '').split(';')[0]!.trim();
    const schema = resp.content?.[media]?.schema;
    if (!schema) throw new Error(`undocumented media type ${media} for ${status} ${method.toUpperCase()} ${pathKey}`);
    const key = `${method} ${pathKey} ${status} ${media}`;
    let v = this.cache.get(key);
    if (!v) {
      v = this.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/Problem"', '"problem"')));
      this.cache.set(key, v);
    }
    if (!v(body)) throw new Error(`${key}: ${this.ajv.errorsText(v.errors)}`);
  }
}
