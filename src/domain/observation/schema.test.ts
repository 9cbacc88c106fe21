import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import sample from './fixtures/design-sample.json' with { type: 'json' };
import { OBSERVATION_FIELDS, observationSchema } from './schema.js';
import { validateObservation } from './validate.js';

describe('observationSchema', () => {
  test('documents bounds, patterns and strictness in its JSON Schema (what OpenAPI shows)', () => {
    const json = z.toJSONSchema(observationSchema, { io: 'input' }) as {
      additionalProperties: boolean;
      properties: Record<string, Record<string, unknown>>;
    };
    expect(json.additionalProperties).toBe(false);
    expect(json.properties.id).toMatchObject({
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9._:-]+$',
    });
    expect(json.properties.count).toMatchObject({ type: 'integer', minimum: 1, maximum: 10000 });
    expect(json.properties.bearing).toMatchObject({
      properties: { fromDeg: { minimum: 0, exclusiveMaximum: 360 } },
    });
    expect(json.properties.text).toMatchObject({ maxLength: 4000 });
  });

  test('accepts the documented sample on its own (the clock rule is validateObservation’s)', () => {
    expect(observationSchema.safeParse(sample.observation).success).toBe(true);
  });

  test('lists the fields in the order the documentation writes them', () => {
    expect(OBSERVATION_FIELDS.slice(0, 3)).toEqual(['id', 'source', 'observedAt']);
  });

  test('reports a fractional count below the minimum once, not once per broken bound', () => {
    const r = validateObservation(
      { ...sample.observation, count: 0.5 },
      { nowMs: Date.parse('2026-03-02T00:00:00Z') },
    );
    expect(r).toEqual({
      ok: false,
      issues: [{ path: 'count', reason: 'must be an integer in [1, 10000], got 0.5' }],
    });
  });
});
