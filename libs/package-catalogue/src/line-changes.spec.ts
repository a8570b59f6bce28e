import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, PACKAGES, type PackageType } from './catalogue.js';
import type { PackageTypeDefinition } from './definition.js';
import { leafKeys } from './leaf-sql.js';
import { changeColumns, changedFieldsJsonSql, fieldName, linesDifferSql } from './line-changes.js';

describe('which columns make a line changed (the diff, line.changed, statement corrections)', () => {
  it('are every column of a distribution line but its id, the columns added later included', () => {
    const columns = changeColumns('distribution-lines');
    expect(columns).not.toContain('line_id');
    expect(columns).toEqual(expect.arrayContaining(['rights_holder_ipi', 'gross', 'net', 'status', 'paid_on', 'mandate_basis', 'work_type', 'recording_isrc']));
    expect(columns).toHaveLength(PACKAGES['distribution-lines'].columns.length - 1);
  });

  it('with the id are the leaf keys of every type: lines paired by id differ in leaf hash exactly when one of them differs', () => {
    for (const d of CATALOGUE as readonly PackageTypeDefinition[]) {
      const type = d.type as PackageType;
      expect([...changeColumns(type), ...(d.idColumn ? [d.idColumn] : [])].sort()).toEqual(leafKeys(type));
    }
    expect(linesDifferSql('o', 'n')).toBe('o.leaf_hash IS DISTINCT FROM n.leaf_hash');
  });

  it('names each compared column by its API name in the changed-fields SQL, the id not at all', () => {
    const sql = changedFieldsJsonSql('distribution-lines', 'o', 'n');
    for (const c of changeColumns('distribution-lines')) expect(sql).toContain(`"${fieldName(c)}":{"from":`);
    expect(sql).toContain('"workType":{"from":');
    expect(sql).not.toContain('"lineId"');
    expect(fieldName('management_fee')).toBe('managementFee');
    expect(fieldName('recording_isrc')).toBe('recordingIsrc');
  });
});
