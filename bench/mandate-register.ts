import type pg from 'pg';
import { makeIpi } from '../libs/identifiers/src/index.js';

/**
 * A fifth of the generated holders (their IPIs as generate.ts makes them) with a
 * contractual mandate at the society (performing, musical, WORLD but the US, exclusive)
 * and an exclusive one at the other society (mechanical, musical, WORLD). Returns how many mandates.
 */
export async function seedMandates(client: pg.Client, societyId: string, otherId: string): Promise<number> {
  const ipis = Array.from({ length: 10_000 }, (_, k) => makeIpi(String(300_000_000 + k * 5 * 13).padStart(9, '0')));
  await client.query(`INSERT INTO rights_holders (name, ipi, kind) SELECT 'Holder ' || ipi, ipi, 'composer' FROM unnest($1::text[]) AS u(ipi) ON CONFLICT DO NOTHING`, [ipis]);
  const res = await client.query(
    `WITH m AS (
       INSERT INTO mandates (society_id, rights_holder_id, created_at)
       SELECT s.id, rh.id, now() FROM rights_holders rh CROSS JOIN unnest(ARRAY[$1::uuid, $2::uuid]) AS s(id) WHERE rh.ipi = ANY($3::text[])
       RETURNING society_id, id, rights_holder_id
     )
     INSERT INTO mandate_versions (society_id, mandate_id, version, rights_holder_id, category, work_type, territories, excluded_territories, valid_from, valid_to,
       basis, exclusive, consent_recorded_at, consent_recorded_by, change, recorded_at, recorded_by)
     SELECT m.society_id, m.id, 1, m.rights_holder_id, CASE WHEN m.society_id = $1::uuid THEN 'performing' ELSE 'mechanical' END, 'musical',
            '{WORLD}', CASE WHEN m.society_id = $1::uuid THEN '{US}'::text[] ELSE '{}'::text[] END, DATE '2020-01-01', NULL,
            'contractual', true, now(), 'bench', 'created', now() - interval '1 minute', 'bench'
     FROM m`,
    [societyId, otherId, ipis],
  );
  return res.rowCount ?? 0;
}
