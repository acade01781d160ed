import { describe, expect, it } from 'vitest';
import { dossierContents, missingParts, type AttachablePart, type ContentsInput } from './contents.ts';

const base: ContentsInput = {
  description: 'Cổng thông tin điện tử của Sở.',
  securityPlan: 'Tường lửa, sao lưu hằng ngày.',
  classified: true,
  opinion: null,
  attachedParts: new Set<AttachablePart>(['design']),
  opinionRequired: false,
  project: false,
};

describe('dossier contents (Decree 85/2016 Art. 15)', () => {
  it('is complete with an overview, a design, the classification and a security plan below level 4', () => {
    expect(missingParts(base)).toEqual([]);
    expect(dossierContents(base).find((p) => p.part === 'opinion')).toMatchObject({ required: false, present: false });
  });

  it('names each missing part in the order of the article', () => {
    expect(missingParts({ ...base, description: '  ', securityPlan: null, attachedParts: new Set() })).toEqual(['overview', 'design', 'security_plan']);
    expect(missingParts({ ...base, classified: false })).toEqual(['justification']);
  });

  it('takes an attachment marked as the part instead of a section', () => {
    const attached = { ...base, description: null, securityPlan: '', attachedParts: new Set<AttachablePart>(['design', 'overview', 'security_plan']) };
    expect(missingParts(attached)).toEqual([]);
    expect(dossierContents(attached).map((p) => p.via)).toEqual(['attachment', 'attachment', 'classification', 'attachment', null]);
  });

  it("requires the specialized unit's opinion where the level calls for it (Art. 15 k5)", () => {
    expect(missingParts({ ...base, opinionRequired: true })).toEqual(['opinion']);
    expect(missingParts({ ...base, opinionRequired: true, opinion: 'Đề xuất cấp độ 4 phù hợp.' })).toEqual([]);
  });

  it('cites the design a project needs (point a) or a running system needs (point b)', () => {
    expect(dossierContents({ ...base, project: true })[1]).toMatchObject({
      variant: 'project',
      citation: { instrument: 'decree-85-2016', article: 15, clause: 2, point: 'a' },
    });
    expect(dossierContents(base)[1]).toMatchObject({ variant: 'running', citation: { instrument: 'decree-85-2016', article: 15, clause: 2, point: 'b' } });
    expect(dossierContents(base)[0]!.variant).toBeNull();
  });
});
