import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCitation, type Citation } from '../legal/citation.ts';
import { instrumentById } from '../legal/instruments.ts';
import { REQUIREMENT_CONDITION_CITATIONS, REQUIREMENT_CONDITIONS, type RequirementCondition } from './compliance.ts';

type Requirement = {
  id: string;
  group: 'management' | 'technical';
  area: string;
  titleVi: string;
  descriptionVi: string;
  titleEn: string;
  levels: number[];
  condition?: RequirementCondition;
  citation: Citation;
  basis?: Citation[];
};

const catalog: Requirement[] = JSON.parse(readFileSync(new URL('../../../data/requirements.json', import.meta.url), 'utf8'));

const ID_PATTERN = /^(QL-(CS|TC|NL|TK|TN|VH)|KT-(MG|MC|UD|DL))-\d{2}$/;
const AREA_BY_CODE: Record<string, { group: Requirement['group']; area: string }> = {
  CS: { group: 'management', area: 'policy' },
  TC: { group: 'management', area: 'organization' },
  NL: { group: 'management', area: 'human_resources' },
  TK: { group: 'management', area: 'design_build' },
  // Test systems (hệ thống thử nghiệm): the conditional entries of REQUIREMENT_CONDITIONS.
  TN: { group: 'management', area: 'design_build' },
  VH: { group: 'management', area: 'operations' },
  MG: { group: 'technical', area: 'network' },
  MC: { group: 'technical', area: 'server' },
  UD: { group: 'technical', area: 'application' },
  DL: { group: 'technical', area: 'data' },
};
const FIELDS = ['id', 'group', 'area', 'titleVi', 'descriptionVi', 'titleEn', 'levels'] as const;
// Letters that occur only in Vietnamese text: đ, ơ, ư, ă, â, ê, ô and the tone-marked vowels.
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

describe('requirements catalog (TCVN 11930:2017)', () => {
  it('is a non-empty array of entries with exactly the expected fields, none empty', () => {
    expect(Array.isArray(catalog)).toBe(true);
    expect(catalog.length).toBeGreaterThan(0);
    for (const r of catalog) {
      expect(Object.keys(r).sort(), r.id).toEqual([...FIELDS, 'citation', ...(r.basis ? ['basis'] : []), ...(r.condition ? ['condition'] : [])].sort());
      for (const field of FIELDS) {
        const value = r[field];
        if (Array.isArray(value)) expect(value.length, `${r.id}.${field}`).toBeGreaterThan(0);
        else {
          expect(typeof value, `${r.id}.${field}`).toBe('string');
          expect((value as string).trim(), `${r.id}.${field}`).not.toBe('');
        }
      }
    }
  });

  it('has unique ids matching the QL-/KT- pattern', () => {
    const ids = catalog.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
  });

  it('derives group and area from the id', () => {
    for (const r of catalog) {
      const [prefix, code] = r.id.split('-');
      expect(r.group, r.id).toBe(prefix === 'QL' ? 'management' : 'technical');
      expect(AREA_BY_CODE[code], r.id).toEqual({ group: r.group, area: r.area });
    }
  });

  it('has levels that are sorted, within 1–5 and contiguous up to 5', () => {
    for (const r of catalog) {
      expect(r.levels.length, r.id).toBeGreaterThan(0);
      for (const l of r.levels) expect(Number.isInteger(l) && l >= 1 && l <= 5, `${r.id}: ${l}`).toBe(true);
      const first = r.levels[0];
      expect(r.levels, r.id).toEqual(Array.from({ length: 6 - first }, (_, i) => first + i));
    }
  });

  it('adds requirements at each higher level (level n is a strict subset of level n+1)', () => {
    const at = (level: number) => new Set(catalog.filter((r) => r.levels.includes(level)).map((r) => r.id));
    for (let level = 1; level < 5; level++) {
      const lower = at(level);
      const higher = at(level + 1);
      expect(higher.size, `level ${level + 1} vs ${level}`).toBeGreaterThan(lower.size);
      for (const id of lower) expect(higher.has(id), `${id} at level ${level} but not ${level + 1}`).toBe(true);
    }
    expect(at(5).size).toBe(catalog.length);
  });

  it('has at least 3 entries in every area', () => {
    for (const { area } of Object.values(AREA_BY_CODE)) {
      expect(catalog.filter((r) => r.area === area).length, area).toBeGreaterThanOrEqual(3);
    }
  });

  it('writes Vietnamese titles with diacritics', () => {
    expect(catalog.some((r) => VIETNAMESE.test(r.titleVi))).toBe(true);
    expect(catalog.some((r) => VIETNAMESE.test(r.descriptionVi))).toBe(true);
    for (const r of catalog) {
      expect(r.titleVi, r.id).toBe(r.titleVi.normalize('NFC'));
      expect(r.descriptionVi, r.id).toBe(r.descriptionVi.normalize('NFC'));
    }
  });

  it('cites a section of TCVN 11930:2017 in its official wording, or the text that sets a requirement the standard does not list', () => {
    for (const r of catalog) {
      if (r.citation.instrument === 'tcvn-11930-2017') {
        expect(Object.keys(r.citation).sort(), r.id).toEqual(['instrument', 'section']);
        expect(r.citation.section, r.id).toMatch(/^mục [5-9]\.[12]\.[1-5]$/);
      } else if (r.condition) expect(REQUIREMENT_CONDITION_CITATIONS[r.condition], r.id).toContainEqual(r.citation);
      else expect(r.basis, r.id).toContainEqual(r.citation);
    }
    expect(formatCitation(catalog[0]!.citation)).toBe('Mục 5.1.1 TCVN 11930:2017');
  });

  it('names, for each minimum requirement, instruments of the registry that set it', () => {
    const minimum = catalog.filter((r) => r.basis);
    expect(minimum.map((r) => r.id).sort()).toEqual(['KT-MC-07', 'QL-CS-06', 'QL-TC-04', 'QL-TC-06']);
    for (const r of minimum) {
      expect(r.basis!.length, r.id).toBeGreaterThan(0);
      for (const c of r.basis!) expect(() => instrumentById(c.instrument), r.id).not.toThrow();
    }
  });

  it('puts what the texts require where they require it', () => {
    const levelsOf = (id: string) => catalog.find((r) => r.id === id)!.levels;
    // Independent assessment from level 3 (Official Dispatch 33/CĐ-TTg 2.a(3)); centralized anti-malware, the owner's
    // specialized security unit and risk assessment (Law 86/2015 Art. 22(2)) at every level.
    expect(levelsOf('QL-TC-06')).toEqual([3, 4, 5]);
    for (const id of ['KT-MC-07', 'QL-TC-04', 'QL-CS-06']) expect(levelsOf(id), id).toEqual([1, 2, 3, 4, 5]);
    expect(formatCitation(catalog.find((r) => r.id === 'QL-CS-06')!.citation)).toBe('Khoản 2 Điều 22 Luật số 86/2015/QH13');
  });

  it('gives a conditional entry a known condition and cites the text that sets it', () => {
    const conditional = catalog.filter((r) => r.condition);
    expect(conditional.map((r) => r.id)).toContain('QL-TN-01');
    for (const r of conditional) {
      expect(REQUIREMENT_CONDITIONS, r.id).toContain(r.condition);
      expect(r.id, r.id).toMatch(/^QL-TN-/);
      expect(REQUIREMENT_CONDITION_CITATIONS[r.condition!], r.id).toContainEqual(r.citation);
    }
    expect(formatCitation(conditional[0]!.citation)).toBe('Điểm g khoản 1 Chỉ thị của UBND tỉnh Vĩnh Phúc tháng 6/2023');
  });
});
