import { describe, expect, it } from 'vitest';
import { DIRECTIVES, sourceTextOf } from './demo-directives.ts';
import { YEARLY_REPORT_OBLIGATIONS } from '../../shared/contributions/due.ts';
import { SEEDED_PERIODS } from '../../shared/parameters/province.ts';
import { periodAt } from '../../shared/parameters/catalog.ts';
import { INSTRUMENTS } from '../../shared/legal/instruments.ts';

/**
 * Written from the published texts in data/directives/ (not from the seed): each document's number, date as far as
 * the text gives it, signer, and each dated obligation's clause and deadline.
 */
const FROM_THE_TEXTS = [
  {
    number: '…/CT-UBND',
    issuer: 'UBND tỉnh Vĩnh Phúc',
    issuedOn: '2023-06-01',
    precision: 'month',
    signer: 'Vũ Chí Giang',
    basedOn: undefined,
    tasks: [
      ['1.b', '2023-06-30'],
      ['1.c', '2023-06-30'],
      ['1.c', '2023-08-31'],
      ['1.đ', '2023-12-31'],
      ['1.e', '2023-12-31'],
      ['1.e', '2024-12-31'],
      ['1.e', '2026-12-31'],
      ['3.a', '2023-09-30'],
      ['7', 'standing'],
      ['7', 'standing'],
      ['7', 'standing'],
    ],
  },
  {
    number: '…/UBND-CNTT',
    issuer: 'UBND tỉnh Thanh Hóa',
    issuedOn: '2024-01-01',
    precision: 'year',
    signer: 'Mai Xuân Liêm',
    basedOn: 'Chỉ thị số 09/CT-TTg ngày 23/02/2024',
    tasks: [
      ['1.d', '2024-10-31'],
      ['3.a', 'standing'],
      ['3.b', 'standing'],
      ['3.b', 'standing'],
    ],
  },
  {
    number: '15/CT-UBND',
    issuer: 'UBND tỉnh Quảng Nam',
    issuedOn: '2022-11-09',
    precision: 'day',
    signer: 'Hồ Quang Bửu',
    basedOn: 'Chỉ thị số 18/CT-TTg ngày 13/10/2022',
    tasks: [
      ['1, ý thứ ba', 'every 6 months'],
      ['1, ý thứ ba', '2022-12-31'],
      ['1, ý thứ năm', '2022-10-31'],
      ['2, ý thứ nhất', 'every 6 months'],
      ['2, ý thứ hai', '2022-12-31'],
      ['2, ý thứ hai', 'yearly 31/12'],
      ['4, ý thứ nhất', 'standing'],
      ['4, ý thứ hai', 'standing'],
      ['5, ý thứ nhất', 'standing'],
      ['5, ý thứ hai', 'standing'],
    ],
  },
  {
    number: '2236/UBND-KT',
    issuer: 'UBND tỉnh Bắc Giang',
    issuedOn: '2019-06-27',
    precision: 'day',
    signer: 'Nguyễn Thị Thu Hà',
    basedOn: 'Chỉ thị số 14/CT-TTg ngày 07/6/2019',
    tasks: [
      ['1, ý thứ ba', '2019-12-15'],
      ['2, ý thứ hai', '2019-12-31'],
      ['2, ý thứ ba', 'yearly 14/12'],
      ['9, ý thứ nhất', 'standing'],
      ['9, ý thứ nhất', 'standing'],
      ['9, ý thứ hai', 'standing'],
    ],
  },
  {
    number: '33/CĐ-TTg',
    issuer: 'Thủ tướng Chính phủ',
    issuedOn: '2024-04-07',
    precision: 'day',
    signer: 'Phạm Minh Chính',
    basedOn: undefined,
    tasks: [
      ['1.a.(2)', '2024-04-30'],
      ['1.c', 'quarterly 20 of month 3'],
      ['2.a.(2)', '2024-09-30'],
      ['2.a.(2)', '2024-12-31'],
    ],
  },
  {
    number: '812/UBND-KSTTHC',
    issuer: 'UBND thành phố Hải Phòng',
    issuedOn: '2024-04-12',
    precision: 'day',
    signer: 'Nguyễn Văn Tùng',
    basedOn: 'Công điện số 33/CĐ-TTg ngày 07/4/2024',
    tasks: [
      ['2, ý thứ nhất', '2024-04-30'],
      ['3, ý thứ tư', 'quarterly 20 of month 3'],
    ],
  },
];

const deadlineOf = (rule: (typeof DIRECTIVES)[number]['tasks'][number]['deadline']) => {
  switch (rule.kind) {
    case 'once':
      return rule.date;
    case 'yearly':
      return `yearly ${rule.day}/${rule.month}`;
    case 'quarterly':
      return `quarterly ${rule.day} of month ${rule.monthOfQuarter}`;
    case 'every_months':
      return `every ${rule.months} months`;
    case 'standing':
      return 'standing';
  }
};

describe('the demo directives follow their published texts', () => {
  it('registers each document once, with the Prime Minister dispatch the Hải Phòng letter forwards', () => {
    expect(DIRECTIVES.map((d) => d.number)).toEqual(FROM_THE_TEXTS.map((d) => d.number));
  });

  for (const expected of FROM_THE_TEXTS) {
    it(`${expected.number} of ${expected.issuer}: number, date, signer, basis and every dated obligation`, () => {
      const d = DIRECTIVES.find((x) => x.number === expected.number)!;
      expect({ issuer: d.issuer, issuedOn: d.issuedOn, precision: d.issuedPrecision, signer: d.signerName }).toEqual({
        issuer: expected.issuer,
        issuedOn: expected.issuedOn,
        precision: expected.precision,
        signer: expected.signer,
      });
      if (expected.basedOn) expect(d.basedOn).toContain(expected.basedOn);
      else expect(d.basedOn).toBeUndefined();
      expect(d.tasks.map((t) => [t.clause, deadlineOf(t.deadline)])).toEqual(expected.tasks);
    });
  }

  it('quotes what each text itself says: the clause labels, deadlines and signer appear in the source file', () => {
    for (const d of DIRECTIVES) {
      const text = sourceTextOf(d);
      expect(text).toContain(d.signerName);
      for (const t of d.tasks) {
        if (t.deadline.kind !== 'once') continue;
        const [y, m, day] = t.deadline.date.split('-').map(Number);
        // The text writes the date "30/6/2023" or "27/06/2019", or gives only a month ("trong tháng 9 năm 2024") or a period
        // ("giai đoạn 2025-2026"), which the seed reads as its last day.
        const lastDayOfMonth = new Date(Date.UTC(y!, m!, 0)).getUTCDate() === day;
        const forms = [
          `${day}/${m}/${y}`,
          `${String(day).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`,
          `${day} tháng ${m} năm ${y}`,
          ...(lastDayOfMonth ? [`tháng ${m} năm ${y}`] : []),
          ...(t.deadline.date === '2026-12-31' ? ['giai đoạn 2025-2026'] : []),
        ];
        expect(
          forms.some((f) => text.includes(f)),
          `${d.number} ${t.clause} ${t.deadline.date}`,
        ).toBe(true);
      }
    }
  });

  it('gives the duties the texts set operators and security firms to those kinds only, as standing tasks under the section that addresses them', () => {
    const external = DIRECTIVES.flatMap((d) => d.tasks.filter((t) => t.kinds?.some((k) => k === 'telecom' || k === 'security_firm')).map((t) => ({ d, t })));
    expect(external.map(({ d, t }) => `${d.number} ${t.clause}`)).toEqual([
      '…/CT-UBND 7',
      '…/CT-UBND 7',
      '…/CT-UBND 7',
      '…/UBND-CNTT 3.a',
      '…/UBND-CNTT 3.b',
      '…/UBND-CNTT 3.b',
      '15/CT-UBND 4, ý thứ nhất',
      '15/CT-UBND 4, ý thứ hai',
      '15/CT-UBND 5, ý thứ nhất',
      '15/CT-UBND 5, ý thứ hai',
      '2236/UBND-KT 9, ý thứ nhất',
      '2236/UBND-KT 9, ý thứ nhất',
      '2236/UBND-KT 9, ý thứ hai',
    ]);
    for (const { d, t } of external) {
      // The section's heading, "7. Các doanh nghiệp cung cấp dịch vụ viễn thông, công nghệ thông tin", is in the text as written.
      expect(sourceTextOf(d), `${d.number} ${t.clause}`).toContain(`${t.clause.split(/[.,]/)[0]}. ${t.assignees}`);
      expect(t.deadline).toEqual({ kind: 'standing' });
      expect(t.named ?? []).toEqual([]);
      // Quảng Nam 5 addresses the security firms; every other section telecom and Internet operators.
      expect(t.kinds).toEqual([d.number === '15/CT-UBND' && t.clause.startsWith('5') ? 'security_firm' : 'telecom']);
    }
  });

  it('leaves the yearly report and the contributions to it to the yearly report screen, each clause and day as its text gives it', () => {
    // From the texts: Vĩnh Phúc 2.l (the Sở reports before 15/12 yearly), Thanh Hóa 1.d (agencies, through the Sở,
    // before 10/12 yearly) and 2.c (the Sở drafts the Chairman's report before 15/12 yearly).
    expect(YEARLY_REPORT_OBLIGATIONS.map((o) => [o.citation.instrument, `${o.citation.clause}.${o.citation.point}`, o.dueDay])).toEqual([
      ['vinh-phuc-directive-2023', '2.l', '12-15'],
      ['thanh-hoa-letter-2024', '1.d', '12-10'],
      ['thanh-hoa-letter-2024', '2.c', '12-15'],
    ]);
    for (const o of YEARLY_REPORT_OBLIGATIONS) {
      const d = DIRECTIVES.find((x) => x.instrument === o.citation.instrument)!;
      expect(INSTRUMENTS.some((i) => i.id === d.instrument)).toBe(true);
      const [month, day] = o.dueDay.split('-');
      const line = sourceTextOf(d)
        .split('\n')
        .find((l) => l.startsWith(`${o.citation.point})`) && l.includes(`${day}/${month}`));
      expect(line, `${d.number} ${o.citation.clause}.${o.citation.point}`).toBeDefined();
      // No directive task carries them any more.
      expect(d.tasks.filter((t) => t.clause === `${o.citation.clause}.${o.citation.point}` && t.deadline.kind === 'yearly')).toEqual([]);
    }
    // The demo province's parameters hold the same days.
    expect(periodAt(SEEDED_PERIODS, 'report.yearlyContributionDueDay', '2026-12-31')?.value).toBe('12-10');
    expect(periodAt(SEEDED_PERIODS, 'report.yearlyDueDay', '2026-12-31')?.value).toBe('12-15');
  });

  it('keeps Dispatch 33 deadlines for online-service organisations away from provincial agencies', () => {
    const d33 = DIRECTIVES.find((d) => d.number === '33/CĐ-TTg')!;
    for (const t of d33.tasks.filter((x) => x.clause === '2.a.(2)')) expect([t.kinds ?? [], t.named ?? []]).toEqual([[], []]);
  });

  it('marks every other province text as a model, never as Tỉnh Demo’s own', () => {
    for (const d of DIRECTIVES.filter((x) => x.issuer !== 'Thủ tướng Chính phủ')) {
      expect(d.modelOf).toBeTruthy();
      expect(d.issuer).toContain(d.modelOf!.replace(/^(tỉnh|thành phố) /, ''));
    }
  });
});
